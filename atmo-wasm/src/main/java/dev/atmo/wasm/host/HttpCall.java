package dev.atmo.wasm.host;

import java.util.List;
import java.util.Map;

/** One outbound HTTP request a guest asked for with {@code fetch_url}; headers keep the guest's order. */
public record HttpCall(String method, String url, List<Map.Entry<String, String>> headers, byte[] body) {
    public HttpCall {
        headers = List.copyOf(headers);
    }
}
