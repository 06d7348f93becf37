package dev.atmo.http;

import dev.atmo.request.JobRequest;
import dev.atmo.request.RequestLog;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each request on the event loop. A matched route first gets the chance to answer in place
 * ({@link RouteHandler#tryQuick}); otherwise the request goes to a virtual thread. Router answers (404, 405,
 * OPTIONS, redirects) are written straight away.
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.http");
    private static final int MAX_WAITING = 16;
    private final Supplier<Router<RouteHandler>> router;
    private final WebSocketUpgrade websockets;
    private final Executor workers;

    HttpRequestHandler(Supplier<Router<RouteHandler>> router, WebSocketSettings websockets, Executor workers,
                       ChannelGroup upgraded) {
        this.router = router;
        this.websockets = new WebSocketUpgrade(websockets, upgraded);
        this.workers = workers;
    }

    /**
     * Requests of one connection are answered in the order they came: while one is on a thread, or while the
     * client has not read what was already written (the channel is not writable), requests the client
     * pipelined behind wait here; reading stops once {@link #MAX_WAITING} wait or the channel is not writable,
     * and they go on when the response is written and the client reads. Touched on the event loop only.
     */
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean busy;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (busy || !waiting.isEmpty() || !ctx.channel().isWritable()) {
            waiting.add(request.retain());
            if (waiting.size() >= MAX_WAITING || !ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        serve(ctx, request);
    }

    /** The response of the request on a thread was written: serve those that waited, in order. */
    private void resume(ChannelHandlerContext ctx) {
        busy = false;
        serveWaiting(ctx);
    }

    private void serveWaiting(ChannelHandlerContext ctx) {
        while (!busy && !waiting.isEmpty() && ctx.channel().isActive() && ctx.channel().isWritable()) {
            FullHttpRequest next = waiting.poll();
            try {
                serve(ctx, next);
            } finally {
                next.release();
            }
        }
        boolean readMore = waiting.size() < MAX_WAITING && ctx.channel().isWritable();
        if (readMore != ctx.channel().config().isAutoRead() && ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(readMore);
        }
    }

    /** A client that does not read its answers is not read from either, so its unsent answers stay bounded. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            serveWaiting(ctx);
        } else {
            ctx.channel().config().setAutoRead(false);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        waiting.forEach(FullHttpRequest::release);
        waiting.clear();
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            ResponseWriter.write(ctx, Response.error(400, "malformed request: " + request.decoderResult().cause().getMessage()), false);
            return;
        }
        String uri = request.uri();
        String method = request.method().name();
        String path = pathOf(uri);
        if (method.equals("GET") && request.headers().containsValue(HttpHeaderNames.UPGRADE, "websocket", true)
                && websockets.upgrade(ctx, request, path)) {
            return;
        }
        RouteLookup<RouteHandler> lookup = router.get().find(method, path);
        switch (lookup) {
            case RouteLookup.Found<RouteHandler> found -> dispatch(ctx, request, found, keepAlive);
            case RouteLookup.Redirect<RouteHandler> redirect -> ResponseWriter.write(ctx, ResponseWriter.redirect(method, redirect.path(), uri), keepAlive);
            case RouteLookup.Options<RouteHandler> options ->
                    ResponseWriter.write(ctx, new Response(200, Map.of("Allow", String.join(", ", options.allowed())), new byte[0]),
                            keepAlive);
            case RouteLookup.MethodNotAllowed<RouteHandler> notAllowed -> ResponseWriter.write(ctx, Response.plain(405,
                    "Method Not Allowed", Map.of("Allow", String.join(", ", notAllowed.allowed()))), keepAlive);
            case RouteLookup.NotFound<RouteHandler> notFound ->
                    ResponseWriter.write(ctx, Response.plain(404, "404 page not found", Map.of()), keepAlive);
        }
    }

    private void dispatch(ChannelHandlerContext ctx, FullHttpRequest request, RouteLookup.Found<RouteHandler> found,
                          boolean keepAlive) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : request.headers()) {
            headers.putIfAbsent(h.getKey(), h.getValue());
        }
        JobRequest job = JobRequest.builder()
                .method(request.method().name())
                .url(request.uri())
                .body(ByteBufUtil.getBytes(request.content()))
                .headers(headers)
                .params(found.params())
                .build();
        RouteHandler handler = found.handler();
        long start = System.nanoTime();
        try (RequestLog.Scope scope = RequestLog.enter(job.id())) {
            logStart(job);
            Optional<Response> quick;
            try {
                quick = handler.tryQuick(job);
            } catch (Throwable e) {
                quick = Optional.of(failed(job, e));
            }
            if (quick.isPresent()) {
                complete(ctx, job, quick.get(), start, keepAlive);
                return;
            }
        }
        busy = true;
        workers.execute(() -> serveOnThread(ctx, job, handler, start, keepAlive));
    }

    /** Serves a request on a worker thread and, once its response is written, the requests that waited behind it. */
    private void serveOnThread(ChannelHandlerContext ctx, JobRequest job, RouteHandler handler, long start,
                               boolean keepAlive) {
        ChannelFuture written;
        try (RequestLog.Scope scope = RequestLog.enter(job.id())) {
            Response response;
            try {
                response = handler.handle(job);
            } catch (Throwable e) {
                response = failed(job, e);
            }
            try {
                written = complete(ctx, job, response, start, keepAlive);
            } catch (Throwable e) {
                LOG.error("{} {} could not be answered, closing the connection: {}", job.method(), job.url(),
                        e.toString());
                written = ctx.close();
            }
        }
        // the task ends once the response is written, so a stop that waits for the workers never drops it
        written.addListener(done -> resume(ctx)).awaitUninterruptibly();
    }

    // the request lines are concatenated rather than formatted by the logger: they are on every request's path

    private static void logStart(JobRequest job) {
        if (LOG.isInfoEnabled()) {
            LOG.info(job.method() + " " + job.url());
        }
    }

    private static Response failed(JobRequest job, Throwable e) {
        LOG.error("{} {} failed", job.method(), job.url(), e);
        return Response.error(500, "failed to handle request");
    }

    private static ChannelFuture complete(ChannelHandlerContext ctx, JobRequest job, Response response, long start,
                                          boolean keepAlive) {
        if (LOG.isInfoEnabled()) {
            LOG.info(job.method() + " " + job.url() + " completed (" + response.status() + ": "
                    + HttpResponseStatus.valueOf(response.status()).reasonPhrase() + ") in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
        return ResponseWriter.write(ctx, response, keepAlive);
    }

    static String pathOf(String uri) {
        int end = uri.length();
        int q = uri.indexOf('?');
        if (q >= 0) {
            end = q;
        }
        int hash = uri.indexOf('#');
        if (hash >= 0 && hash < end) {
            end = hash;
        }
        String raw = uri.substring(0, end);
        if (raw.startsWith("http://") || raw.startsWith("https://")) {
            int slash = raw.indexOf('/', raw.indexOf("//") + 2);
            raw = slash < 0 ? "/" : raw.substring(slash);
        }
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection error: {}", cause.toString());
        ctx.close();
    }

}
