package dev.atmo.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
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
        String escaped = new String(JsonStringEncoder.getInstance().quoteAsString(message));
        byte[] body = ("{\"status\":" + status + ",\"message\":\"" + escaped + "\"}").getBytes(StandardCharsets.UTF_8);
        return new Response(status, Map.of("Content-Type", "application/json"), body);
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
