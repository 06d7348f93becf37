package dev.atmo.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Turns an HTTP connection into a websocket one when a websocket route matches the upgrade request: checks the
 * origin, puts Netty's protocol handler, an idle timeout, a frame aggregator and a {@link WebSocketSession} in
 * the pipeline in place of the HTTP request handler, and counts the channel among the upgraded ones.
 */
final class WebSocketUpgrade {
    private static final RefusedOrigins REFUSED_ORIGINS = new RefusedOrigins(Duration.ofSeconds(10));
    private final WebSocketSettings websockets;
    private final ChannelGroup upgraded;

    WebSocketUpgrade(WebSocketSettings websockets, ChannelGroup upgraded) {
        this.websockets = websockets;
        this.upgraded = upgraded;
    }

    /** Hands a websocket upgrade to Netty's protocol handler and this connection to a session; false if no route. */
    boolean upgrade(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        if (!(websockets.routes().get().find("GET", path) instanceof RouteLookup.Found<WebSocketEndpoint> found)) {
            return false;
        }
        WebSocketEndpoint endpoint = found.handler();
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (!endpoint.originAllowed(origin, host)) {
            REFUSED_ORIGINS.refused(path, origin, host);
            ResponseWriter.write(ctx, Response.plain(403, "Forbidden: origin not allowed", Map.of()), false);
            return true;
        }
        var config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path).checkStartsWith(false).handleCloseFrames(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(websockets.maxFrameBytes()).allowExtensions(false).build())
                .build();
        long idle = websockets.idleTimeout().toMillis();
        ctx.pipeline().addAfter(ctx.name(), "ws-protocol",
                        new WebSocketServerProtocolHandler(config))
                .addAfter("ws-protocol", "ws-idle", new IdleStateHandler(idle, 0, 0,
                        TimeUnit.MILLISECONDS))
                .addAfter("ws-idle", "ws-aggregator",
                        new WebSocketFrameAggregator(websockets.maxFrameBytes()))
                .addAfter("ws-aggregator", "ws-session", new WebSocketSession(endpoint, request.uri(),
                        traceHeaders(request)));
        upgraded.add(ctx.channel());
        RequestTimeouts.remove(ctx.pipeline());
        ctx.fireChannelRead(request.retain());
        ctx.pipeline().remove(ctx.handler());
        return true;
    }

    /**
     * The W3C trace context headers of a websocket upgrade: every message of the connection carries them, so the
     * messages' traces continue the one the upgrade was part of.
     */
    private static Map<String, String> traceHeaders(FullHttpRequest request) {
        Map<String, String> trace = new LinkedHashMap<>();
        for (String name : new String[] {"traceparent", "tracestate"}) {
            String value = request.headers().get(name);
            if (value != null) {
                trace.put(name, value);
            }
        }
        return trace;
    }
}
