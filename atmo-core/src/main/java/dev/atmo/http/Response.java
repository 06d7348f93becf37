package dev.atmo.http;

import dev.atmo.reply.Reply;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response before it is written: status, headers (in order) and body. */
public record Response(int status, Map<String, String> headers, byte[] body) {

    public Response {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** Atmo's error body {@code {"status":N,"message":"..."}} as {@code application/json}. */
    public static Response error(int status, String message) {
        return of(Reply.error(status, message));
    }

    /** The response that sends a run's reply as it is. */
    public static Response of(Reply reply) {
        return new Response(reply.status(), reply.headers(), reply.body());
    }

    /** A plain-text body the way Go's {@code http.Error} writes one. */
    public static Response plain(int status, String text, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/plain; charset=utf-8");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.putAll(extra);
        return new Response(status, headers, (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public Response withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Response(status, copy, body);
    }
}
