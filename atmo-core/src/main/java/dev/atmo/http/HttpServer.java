package dev.atmo.http;

import dev.atmo.AtmoException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Atmo's HTTP server on Netty: epoll where available, NIO otherwise. Requests are decoded and routed on the
 * event loop; the route's handler runs on a virtual thread and the response is written back by the event loop.
 */
public final class HttpServer implements AutoCloseable {
    /** Default cap on a request body: 10 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
    /**
     * Reads of one connection per turn of its event loop. One: a client that pipelines requests as fast as it
     * can gets one read (up to 64 KiB) and then waits for the other connections of the loop, so it cannot hold
     * the loop that answers a health probe for hundreds of milliseconds.
     */
    private static final int READS_PER_TURN = 1;

    /**
     * Requests a client may have pipelined ahead of their answers. The handler stops reading a connection once a
     * few wait, but the codec still decodes what the last read brought (at most 64 KiB, some 3,600 of the
     * smallest requests), so this is set above that rather than to the codec's 128, past which it drops the
     * connection without a word.
     */
    private static final int MAX_PIPELINE_DEPTH = 8192;

    private final String host;
    private final int requestedPort;
    private final int maxBodyBytes;
    private final Supplier<Router<RouteHandler>> router;
    private final WebSocketSettings websockets;
    private final Optional<SslContext> ssl;
    private final ConnectionLimits limits;
    private final ConnectionGate gate;
    private final ChannelGroup upgraded = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final CountingExecutor workers = new CountingExecutor(threads);
    private EventLoopGroup boss;
    private EventLoopGroup loops;
    private ServerBootstrap bootstrap;
    private Channel channel;

    private HttpServer(Builder b) {
        this.host = b.host;
        this.requestedPort = b.port;
        this.maxBodyBytes = b.maxBodyBytes;
        this.router = Objects.requireNonNull(b.router, "router");
        this.websockets = b.websockets;
        this.ssl = sslContext(b.tls);
        this.limits = b.connections;
        this.gate = new ConnectionGate(limits.maxConnections());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sets up the event loops and loads the classes of the request path without binding the port, so that a
     * caller can do this while it prepares what the routes serve; {@link #start} then only binds. Optional:
     * {@link #start} prepares when this was not called.
     */
    public HttpServer prepare() {
        if (bootstrap != null) {
            return this;
        }
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        boss = new MultiThreadIoEventLoopGroup(1, factory);
        loops = new MultiThreadIoEventLoopGroup(0, factory);
        bootstrap = new ServerBootstrap()
                .group(boss, loops)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR,
                        new AdaptiveRecvByteBufAllocator().maxMessagesPerRead(READS_PER_TURN))
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        limits.maxPendingOutputBytes() / 2, limits.maxPendingOutputBytes()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!gate.admit(ch)) {
                            ch.pipeline().addLast("refuse", gate.refuser(ssl.isPresent()));
                        } else if (ssl.isPresent()) {
                            ch.pipeline().addLast("tls", ssl.get().newHandler(ch.alloc()))
                                    .addLast("alpn", new Alpn());
                        } else {
                            http1(ch.pipeline());
                        }
                    }
                });
        warmUp();
        return this;
    }

    /**
     * Binds and starts serving.
     *
     * @throws AtmoException when the address cannot be bound
     */
    public HttpServer start() {
        prepare();
        try {
            channel = bootstrap.bind(new InetSocketAddress(host, requestedPort)).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            close();
            throw new AtmoException("cannot serve on " + host + ":" + requestedPort + ": " + e.getMessage(), e);
        }
        return this;
    }

    /**
     * Decodes, routes (to nothing: 404) and encodes one request in a throw-away pipeline, so that the first real
     * request does not wait for those classes to load.
     */
    private void warmUp() {
        Router<RouteHandler> none = Router.<RouteHandler>builder().build();
        EmbeddedChannel channel = new EmbeddedChannel();
        http1(channel.pipeline(), new HttpRequestHandler(() -> none, WebSocketSettings.none(), Runnable::run, upgraded));
        channel.writeInbound(Unpooled.copiedBuffer("POST /warm-up HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5"
                + "\r\n\r\nworld", StandardCharsets.US_ASCII));
        channel.finishAndReleaseAll();
    }

    private void http1(ChannelPipeline pipeline) {
        http1(pipeline, new HttpRequestHandler(router, websockets, workers, upgraded));
        RequestTimeouts.install(pipeline, limits);
    }

    private void http1(ChannelPipeline pipeline, HttpRequestHandler handler) {
        pipeline.addLast("codec", new HttpServerCodec(new HttpDecoderConfig(), MAX_PIPELINE_DEPTH))
                .addLast("keepalive", new HttpServerKeepAliveHandler())
                .addLast("aggregator", new BodyLimitAggregator(maxBodyBytes))
                .addLast("atmo", handler);
    }

    /** After the TLS handshake: HTTP/2 streams each get the HTTP/1 pipeline through a frame converter. */
    private final class Alpn extends ApplicationProtocolNegotiationHandler {
        Alpn() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                ctx.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                        new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
                            @Override
                            protected void initChannel(Channel stream) {
                                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true))
                                        .addLast(new BodyLimitAggregator(maxBodyBytes))
                                        .addLast(new HttpRequestHandler(router, WebSocketSettings.none(), workers,
                                                upgraded));
                            }
                        }));
            } else {
                http1(ctx.pipeline());
            }
        }
    }

    private static Optional<SslContext> sslContext(Optional<TlsFiles> tls) {
        if (tls.isEmpty()) {
            return Optional.empty();
        }
        TlsFiles files = tls.get();
        try {
            return Optional.of(SslContextBuilder.forServer(files.certificate().toFile(), files.privateKey().toFile())
                    .sslProvider(SslProvider.JDK)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                    .build()).map(context -> {
                        TlsKeyMatch.require(files);
                        return context;
                    });
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new AtmoException("cannot use TLS certificate " + files.certificate() + " with key "
                    + files.privateKey() + ": " + e.getMessage() + " (the key must be PEM, PKCS#8)", e);
        }
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public String host() {
        return host;
    }

    /** Connections open now (refused ones are not counted). */
    public int openConnections() {
        return gate.open();
    }

    /** Waits until every request handed to a handler has had its response written, up to the grace period. */
    public boolean awaitIdle(Duration grace) {
        return workers.awaitIdle(grace);
    }

    /** Stops accepting connections; connections already open keep being served. */
    public void stopAccepting() {
        if (channel != null && channel.isOpen()) {
            channel.close().syncUninterruptibly();
        }
    }

    @Override
    public void close() {
        stopAccepting();
        upgraded.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "server stopping"))
                .awaitUninterruptibly(2, TimeUnit.SECONDS);
        upgraded.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
        if (loops != null) {
            loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        threads.shutdown();
    }

    /** Builds an {@link HttpServer}; defaults: all interfaces, port 8080, 10 MiB bodies. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = 8080;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Supplier<Router<RouteHandler>> router;
        private WebSocketSettings websockets = WebSocketSettings.none();
        private Optional<TlsFiles> tls = Optional.empty();
        private ConnectionLimits connections = ConnectionLimits.defaults();

        /** Timeouts, connection count and pending output per connection; {@link ConnectionLimits#defaults()}. */
        public Builder connections(ConnectionLimits connections) {
            this.connections = Objects.requireNonNull(connections);
            return this;
        }

        /** Serve HTTPS with this certificate and key; HTTP/2 is offered through ALPN. */
        public Builder tls(Optional<TlsFiles> tls) {
            this.tls = Objects.requireNonNull(tls);
            return this;
        }

        /** Websocket stream routes and limits; none by default. */
        public Builder websockets(WebSocketSettings websockets) {
            this.websockets = Objects.requireNonNull(websockets);
            return this;
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be within 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder maxBodyBytes(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxBodyBytes must not be negative, got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /** The router to use for each request; a supplier so a reloaded bundle can swap it atomically. */
        public Builder router(Supplier<Router<RouteHandler>> router) {
            this.router = router;
            return this;
        }

        public HttpServer build() {
            return new HttpServer(this);
        }
    }
}
