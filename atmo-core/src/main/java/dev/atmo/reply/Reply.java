package dev.atmo.reply;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run of steps answers, whoever asked (an HTTP request, a NATS message): an HTTP-style status, headers in
 * order, and the body.
 */
public record Reply(int status, Map<String, String> headers, byte[] body) {

    public Reply {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** Atmo's error body {@code {"status":N,"message":"..."}} as {@code application/json}. */
    public static Reply error(int status, String message) {
        String escaped = new String(JsonStringEncoder.getInstance().quoteAsString(message));
        byte[] body = ("{\"status\":" + status + ",\"message\":\"" + escaped + "\"}").getBytes(StandardCharsets.UTF_8);
        return new Reply(status, Map.of("Content-Type", "application/json"), body);
    }
}
