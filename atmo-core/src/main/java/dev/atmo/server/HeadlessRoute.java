package dev.atmo.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atmo.http.Response;
import dev.atmo.http.RouteHandler;
import dev.atmo.request.JobRequest;
import dev.atmo.sequence.Sequence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Headless mode's route for one Runnable: initial state from {@code X-Atmo-State} (or {@code X-Suborbital-State}),
 * params from {@code X-Atmo-Params} (or {@code X-Suborbital-Params}), and the request id echoed back.
 */
final class HeadlessRoute implements RouteHandler {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.headless");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

    private final Sequence sequence;

    HeadlessRoute(Sequence sequence) {
        this.sequence = sequence;
    }

    @Override
    public Response handle(JobRequest incoming) {
        Map<String, String> state = header(incoming, "X-Atmo-State", "X-Suborbital-State");
        Optional<Map<String, String>> params = incoming.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("X-Atmo-Params")
                        || e.getKey().equalsIgnoreCase("X-Suborbital-Params"))
                .findFirst().map(e -> parse(incoming, e.getKey(), e.getValue()));
        Map<String, byte[]> initial = new LinkedHashMap<>();
        state.forEach((k, v) -> initial.put(k, v.getBytes(StandardCharsets.UTF_8)));
        JobRequest request = JobRequest.arrivedAt(incoming.arrival()).from(incoming.fields())
                .params(params.orElse(incoming.params())).state(initial)
                .build();
        return SequenceRoute.respond(sequence, request)
                .withHeader("X-Atmo-Requestid", request.id())
                .withHeader("X-Suborbital-Requestid", request.id());
    }

    private static Map<String, String> header(JobRequest request, String... names) {
        for (Map.Entry<String, String> e : request.headers().entrySet()) {
            for (String name : names) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return parse(request, name, e.getValue());
                }
            }
        }
        return Map.of();
    }

    private static Map<String, String> parse(JobRequest request, String name, String value) {
        try {
            Map<String, String> parsed = JSON.readValue(value, STRING_MAP);
            return parsed == null ? Map.of() : parsed;
        } catch (IOException e) {
            LOG.warn("ignoring header {}: not a JSON object of strings", name);
            return Map.of();
        }
    }
}
