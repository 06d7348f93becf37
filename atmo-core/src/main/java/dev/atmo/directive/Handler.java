package dev.atmo.directive;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A route or stream and the steps that serve it. {@code type} is {@code request} (HTTP {@code method} on
 * path {@code resource}) or {@code stream} ({@code source} empty or {@code server}: a websocket at
 * {@code resource}; {@code nats}: the NATS subject {@code resource}). {@code extensions} holds our documented
 * extra keys ({@link #EXTENSION_KEYS}) as their scalar text, lists joined with commas.
 */
public record Handler(String type, String source, String method, String resource, List<Step> steps,
        Optional<String> response, Optional<String> respondTo, Map<String, String> extensions, Mark mark,
        Map<String, Mark> keyMarks) {

    public static final String TYPE_REQUEST = "request";
    public static final String TYPE_STREAM = "stream";
    public static final String SOURCE_SERVER = "server";
    public static final String SOURCE_NATS = "nats";

    /** Handler keys beyond the original schema that a Directive may carry without a warning. */
    public static final List<String> EXTENSION_KEYS = List.of("queueGroup", "ordered", "maxConcurrency",
            "envelope", "jetstream", "durable", "maxDeliver", "allowedOrigins");

    public Handler {
        type = Copy.text(type);
        source = Copy.text(source);
        method = Copy.text(method);
        resource = Copy.text(resource);
        steps = Copy.list(steps);
        response = Objects.requireNonNullElse(response, Optional.empty());
        respondTo = Objects.requireNonNullElse(respondTo, Optional.empty());
        extensions = Copy.map(extensions);
        mark = Objects.requireNonNullElse(mark, Mark.NONE);
        keyMarks = Copy.map(keyMarks);
    }

    /** A handler that remembers only where it starts. */
    public Handler(String type, String source, String method, String resource, List<Step> steps,
            Optional<String> response, Optional<String> respondTo, Map<String, String> extensions, Mark mark) {
        this(type, source, method, resource, steps, response, respondTo, extensions, mark, Map.of());
    }

    /** Where a key's value was written, or this handler's own mark when the key is absent. */
    public Mark markOf(String key) {
        return keyMarks.getOrDefault(key, mark);
    }

    public boolean isRequest() {
        return TYPE_REQUEST.equals(type);
    }

    public boolean isStream() {
        return TYPE_STREAM.equals(type);
    }

    public boolean isNatsStream() {
        return isStream() && SOURCE_NATS.equals(source);
    }

    public boolean isWebsocketStream() {
        return isStream() && (source.isEmpty() || SOURCE_SERVER.equals(source));
    }

    /** How Atmo's messages name a handler: {@code "<method> <resource>"}, so a stream reads {@code " /x"}. */
    public String displayName() {
        return method + " " + resource;
    }
}
