package dev.atmo.http;

import dev.atmo.request.HeaderNames;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a {@link Response} on a connection, and builds the router's redirect answers the way Go's router does. */
final class ResponseWriter {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.http");

    private ResponseWriter() {
    }

    /**
     * Writes a response. Framing and hop-by-hop headers are the server's: any the response carries are left
     * out, and a header Netty would refuse (control characters, an empty name) is left out with a warning
     * rather than failing the answer.
     */
    static ChannelFuture write(ChannelHandlerContext ctx, Response response, boolean keepAlive) {
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        response.headers().forEach((k, v) -> {
            if (HeaderNames.serverOwned(k)) {
                return;
            }
            try {
                out.headers().set(k, v);
            } catch (IllegalArgumentException e) {
                LOG.warn("response header {} left out: {}", HeaderNames.printable(k), e.getMessage());
            }
        });
        out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        HttpUtil.setKeepAlive(out, keepAlive);
        var future = ctx.writeAndFlush(out);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
        return future;
    }

    static Response redirect(String method, String path, String uri) {
        int q = uri.indexOf('?');
        String location = q < 0 ? path : path + uri.substring(q);
        if (!HeaderNames.validValue(location)) {
            return Response.error(400, "invalid request path: it contains control characters");
        }
        int code = method.equals("GET") ? 301 : 307;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", location);
        byte[] body = new byte[0];
        if (method.equals("GET") || method.equals("HEAD")) {
            headers.put("Content-Type", "text/html; charset=utf-8");
            String text = code == 301 ? "Moved Permanently" : "Temporary Redirect";
            body = ("<a href=\"" + location.replace("\"", "&#34;") + "\">" + text + "</a>.\n\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
        return new Response(code, headers, body);
    }
}
