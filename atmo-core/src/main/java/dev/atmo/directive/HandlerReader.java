package dev.atmo.directive;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads the parts of a Directive that run steps: {@code handlers} and {@code schedules}. */
final class HandlerReader {
    private static final Set<String> HANDLER_KEYS = handlerKeys();
    private static final Set<String> SCHEDULE_KEYS = Set.of("name", "every", "state", "steps");
    private static final Set<String> EVERY_KEYS = Set.of("seconds", "minutes", "hours", "days");

    private final YamlReader reader;
    private final StepReader steps;

    HandlerReader(YamlReader reader) {
        this.reader = reader;
        this.steps = new StepReader(reader);
    }

    private static Set<String> handlerKeys() {
        Set<String> keys = new HashSet<>(
                Set.of("type", "source", "method", "resource", "steps", "response", "respondTo"));
        keys.addAll(Handler.EXTENSION_KEYS);
        return Set.copyOf(keys);
    }

    List<Handler> handlers(Fields top) {
        return top.eachMapping("handlers", HANDLER_KEYS, this::handler);
    }

    private Handler handler(Fields fields) {
        Map<String, String> extensions = new LinkedHashMap<>();
        for (String key : fields.entries().keySet()) {
            if (Handler.EXTENSION_KEYS.contains(key) && fields.has(key)) {
                extensions.put(key, fields.joinedText(key));
                misplaced(fields, key);
            }
        }
        // methods are matched exactly when routing: 'post' would never match a request, so it reads as POST
        return new Handler(fields.text("type"), fields.text("source"), fields.text("method").toUpperCase(Locale.ROOT),
                fields.text("resource"), steps.steps(fields), fields.optionalText("response"),
                fields.optionalText("respondTo"), extensions, fields.mark(), fields.keyMarks());
    }

    /** An extension key on a handler it does nothing for is a warning: it was meant for another kind. */
    private void misplaced(Fields fields, String key) {
        boolean stream = Handler.TYPE_STREAM.equals(fields.text("type"));
        String source = fields.text("source");
        boolean nats = stream && Handler.SOURCE_NATS.equals(source);
        boolean websocket = stream && (source.isEmpty() || Handler.SOURCE_SERVER.equals(source));
        if (key.equals("allowedOrigins") ? !websocket : !nats) {
            String kind = key.equals("allowedOrigins") ? "websocket stream handlers (type: stream, no source)"
                    : "NATS stream handlers (type: stream, source: nats)";
            reader.warn(fields.entries().get(key).getKeyNode(), key + " in " + fields.displayName()
                    + " has no effect: it applies to " + kind);
        }
    }

    List<Schedule> schedules(Fields top) {
        return top.eachMapping("schedules", SCHEDULE_KEYS, this::schedule);
    }

    private Schedule schedule(Fields fields) {
        Every every = fields.mapping("every", EVERY_KEYS)
                .map(e -> new Every(e.integer("seconds"), e.integer("minutes"), e.integer("hours"), e.integer("days")))
                .orElse(Every.NEVER);
        return new Schedule(fields.text("name"), every, fields.stringMap("state"), steps.steps(fields),
                fields.mark(), fields.keyMarks());
    }
}
