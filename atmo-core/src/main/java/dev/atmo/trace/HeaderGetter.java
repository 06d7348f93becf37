package dev.atmo.trace;

import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Map;

/** Reads propagation headers from a map of headers whose names may come in any case. */
enum HeaderGetter implements TextMapGetter<Map<String, String>> {
    INSTANCE;

    @Override
    public Iterable<String> keys(Map<String, String> headers) {
        return headers.keySet();
    }

    @Override
    public String get(Map<String, String> headers, String key) {
        if (headers == null) {
            return null;
        }
        String exact = headers.get(key);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(key)) {
                return header.getValue();
            }
        }
        return null;
    }
}
