package dev.atmo.wasm.abi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atmo.wasm.host.GuestRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code request_get_field}, {@code request_set_field}, {@code resp_set_header}: the guest's view of its request. */
final class RequestImports {
    static final int META = 0;
    static final int BODY = 1;
    static final int HEADER = 2;
    static final int PARAMS = 3;
    static final int STATE = 4;
    static final int QUERY = 5;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final byte[] EMPTY = new byte[0];
    private static final Object NOT_AN_OBJECT = new Object();

    private RequestImports() {
    }

    static long getField(Invocation inv, GuestMemory memory, long[] a) {
        if (inv.slotPending()) {
            return -1;
        }
        int type = (int) a[0];
        String key = memory.readString(a[1], a[2]);
        return inv.abi().getField(inv, type, key);
    }

    /** ABI A: no request is -2, a missing value -3 (-5 for a body field), an unknown field type -4. */
    static long getFieldA(Invocation inv, int type, String key) {
        Optional<GuestRequest> found = inv.request();
        if (found.isEmpty()) {
            return -2;
        }
        GuestRequest request = found.get();
        Optional<byte[]> value = switch (type) {
            case META -> meta(request, key);
            case BODY -> bodyField(inv, request, key);
            case HEADER -> text(request.headers().get(key));
            case PARAMS -> text(request.params().get(key));
            case STATE -> Optional.ofNullable(request.state().get(key));
            default -> Optional.empty();
        };
        if (value.isPresent()) {
            return inv.fillSlot(value.get());
        }
        return switch (type) {
            case BODY -> -5;
            case META, HEADER, PARAMS, STATE -> -3;
            default -> -4;
        };
    }

    /** ABI B: a missing value reads as empty; no request, no request access or an unknown field type is -1. */
    static long getFieldB(Invocation inv, int type, String key) {
        Optional<GuestRequest> found = inv.request();
        if (found.isEmpty() || !inv.capabilities().requestAccess()) {
            return -1;
        }
        GuestRequest request = found.get();
        Optional<byte[]> value = switch (type) {
            case META -> Optional.of(meta(request, key).orElse(EMPTY));
            case BODY -> bodyField(inv, request, key);
            case HEADER -> Optional.of(header(request.headers(), key).map(RequestImports::bytes).orElse(EMPTY));
            case PARAMS -> Optional.of(text(request.params().get(key)).orElse(EMPTY));
            case STATE -> Optional.of(Optional.ofNullable(request.state().get(key)).orElse(EMPTY));
            case QUERY -> Optional.of(bytes(queryParam(request.url(), key)));
            default -> Optional.empty();
        };
        return value.map(inv::fillSlot).map(Integer::longValue).orElse(-1L);
    }

    private static Optional<byte[]> meta(GuestRequest request, String key) {
        return switch (key) {
            case "method" -> Optional.of(bytes(request.method()));
            case "url" -> Optional.of(bytes(request.url()));
            case "id" -> Optional.of(bytes(request.id()));
            case "body" -> Optional.of(request.body());
            default -> Optional.empty();
        };
    }

    /** A body field: empty body answers empty; a missing key, a non-string value or a non-object body fail. */
    private static Optional<byte[]> bodyField(Invocation inv, GuestRequest request, String key) {
        if (request.body().length == 0) {
            return Optional.of(EMPTY);
        }
        Object parsed = inv.parsedBody(request.body(), RequestImports::parseObject);
        if (!(parsed instanceof ObjectNode object)) {
            return Optional.empty();
        }
        JsonNode value = object.get(key);
        if (value == null || !value.isTextual()) {
            return Optional.empty();
        }
        return Optional.of(bytes(value.textValue()));
    }

    private static Object parseObject(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node instanceof ObjectNode ? node : NOT_AN_OBJECT;
        } catch (java.io.IOException e) {
            return NOT_AN_OBJECT;
        }
    }

    private static Optional<String> header(Map<String, String> headers, String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        String direct = headers.get(lower);
        if (direct != null) {
            return Optional.of(direct);
        }
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key))
                .map(Map.Entry::getValue).findFirst();
    }

    static String queryParam(String url, String key) {
        int q = url.indexOf('?');
        if (q < 0) {
            return "";
        }
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (name.equals(key)) {
                return eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return "";
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    static long setField(Invocation inv, GuestMemory memory, long[] a) {
        if (inv.slotPending()) {
            return -1;
        }
        int type = (int) a[0];
        String key = memory.readString(a[1], a[2]);
        byte[] value = memory.read(a[3], a[4]);
        Optional<GuestRequest> found = inv.request();
        if (found.isEmpty() || !inv.capabilities().requestAccess()) {
            return -1;
        }
        GuestRequest request = found.get();
        switch (type) {
            case META -> {
                switch (key) {
                    case "method" -> request.method(text(value));
                    case "url" -> request.url(text(value));
                    case "body" -> request.body(value);
                    case "id" -> { }
                    default -> {
                        return inv.failWithText("key not found");
                    }
                }
            }
            case BODY -> {
                Optional<String> failure = setBodyField(request, key, text(value));
                if (failure.isPresent()) {
                    return inv.failWithText(failure.get());
                }
            }
            case HEADER -> request.header(key, text(value));
            case PARAMS -> request.param(key, text(value));
            case STATE -> request.state(key, value);
            default -> {
                return inv.failWithText("invalid field type");
            }
        }
        return inv.fillSlot(EMPTY);
    }

    private static Optional<String> setBodyField(GuestRequest request, String key, String value) {
        if (request.body().length == 0) {
            return Optional.empty();
        }
        Object parsed = parseObject(request.body());
        if (!(parsed instanceof ObjectNode object)) {
            return Optional.of("failed to parse request body as a JSON object");
        }
        object.put(key, value);
        try {
            Object sorted = JSON.treeToValue(object, Object.class);
            request.body(JSON.writeValueAsBytes(sorted));
            return Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.of("failed to encode request body: " + e.getOriginalMessage());
        }
    }

    static long respSetHeader(Invocation inv, GuestMemory memory, long[] a) {
        String key = memory.readString(a[0], a[1]);
        String value = memory.readString(a[2], a[3]);
        inv.request().ifPresent(r -> r.responseHeaders().put(key, value));
        return 0;
    }

    private static Optional<byte[]> text(String value) {
        return Optional.ofNullable(value).map(RequestImports::bytes);
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
