package dev.atmo.sequence;

import dev.atmo.request.JobRequest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.atmo.directive.ForEach;
import dev.atmo.wasm.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code forEach}: one call per element of the JSON array in state key {@code in}, each seeing the state
 * plus {@code __elem} (the element as compact JSON, never written to the shared state); every output must be
 * a JSON object; the outputs are stored under {@code as} as a JSON array in input order.
 */
final class ForEachStep {
    static final String ELEMENT_KEY = "__elem";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ForEachStep() {
    }

    static Optional<SequenceResult.Failed> run(ForEach forEach, JobRequest request, StepSpans spans, int bound,
                                               long readySince) {
        byte[] source = request.state().get(forEach.in());
        if (source == null) {
            throw new SequenceException("forEach failed, " + forEach.in() + " is not present in state");
        }
        JsonNode array;
        try {
            array = JSON.readTree(source);
        } catch (IOException e) {
            throw new SequenceException("forEach failed, " + forEach.in() + " is not a JSON array: "
                    + e.getMessage(), e);
        }
        if (array == null || !array.isArray()) {
            throw new SequenceException("forEach failed, " + forEach.in() + " is not a JSON array");
        }
        List<JsonNode> elements = new java.util.ArrayList<>();
        array.forEach(elements::add);
        Map<String, byte[]> base = StateView.of(request.state(), Map.of());
        List<Outcome> outcomes = spans.around("forEach " + forEach.fn(), elements.size(),
                () -> Sequence.Parallel.map(elements.size(), bound, readySince, spans.tracing().current(), (i, ready) -> {
                    Map<String, byte[]> view = new java.util.LinkedHashMap<>(base);
                    view.put(ELEMENT_KEY, compact(elements.get(i)));
                    return spans.run(new StepCall(forEach.fn(), request, view, ready), i);
                }));
        ArrayNode collected = JSON.createArrayNode();
        for (Outcome outcome : outcomes) {
            switch (outcome) {
                case Outcome.Failure failure -> {
                    return Sequence.apply(forEach.fn(), forEach.stateKey(), forEach.onErr(), failure, request);
                }
                case Outcome.Success success -> {
                    request.mergeResponseHeaders(forEach.fn(), success.responseHeaders());
                    collected.add(asObject(forEach.fn(), success.output()));
                }
            }
        }
        request.state().put(forEach.stateKey(), compact(collected));
        return Optional.empty();
    }

    private static JsonNode asObject(String fn, byte[] output) {
        try {
            JsonNode node = JSON.readTree(output);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // reported below with the same message as a non-object
        }
        throw new SequenceException("forEach failed, the output of " + fn + " is not a JSON object: "
                + new String(output, StandardCharsets.UTF_8));
    }

    private static byte[] compact(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new SequenceException("forEach failed to encode JSON: " + e.getOriginalMessage(), e);
        }
    }
}
