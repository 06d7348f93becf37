package dev.atmo.sequence;

import dev.atmo.request.JobRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atmo.directive.CallSpec;
import dev.atmo.directive.ForEach;
import dev.atmo.directive.OnErr;
import dev.atmo.directive.Step;
import dev.atmo.wasm.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * The executor's state rules, with a step runner that records what each call saw and answers with
 * the state keys it was shown.
 */
class SequenceTest {
    private final ConcurrentLinkedQueue<StepCall> calls = new ConcurrentLinkedQueue<>();

    private final StepRunner keysSeen = call -> {
        calls.add(call);
        String keys = String.join(",", new java.util.TreeSet<>(call.state().keySet()));
        String output = call.fn().equals("each") ? "{\"seen\":\"" + keys + "\"}" : keys;
        return new Outcome.Success(output.getBytes(StandardCharsets.UTF_8), Map.of());
    };

    private static Step fn(String fn) {
        return Step.fn(fn, "", Map.of(), OnErr.none(), null);
    }

    private static JobRequest request(Map<String, String> state) {
        Map<String, byte[]> bytes = new java.util.LinkedHashMap<>();
        state.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return JobRequest.builder().method("POST").url("/x").state(bytes).build();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void forEachLeavesNoElementKeyInTheState() {
        Step forEach = new Step("", "", Map.of(), OnErr.none(), List.of(),
                Optional.of(new ForEach("items", "each", "out", OnErr.none(), null)), null);
        Sequence sequence = new Sequence(List.of(forEach, fn("after")), Optional.empty(), keysSeen, 4);
        SequenceResult.Completed done = (SequenceResult.Completed) sequence.run(request(Map.of("items", "[1,2]")));
        assertThat(text(done.state().get("out"))).isEqualTo("[{\"seen\":\"__elem,items\"},{\"seen\":\"__elem,items\"}]");
        assertThat(text(done.body())).isEqualTo("items,out");
        assertThat(done.state()).doesNotContainKey("__elem");
    }

    @Test
    void forEachElementsSeeThemselvesAsCompactJson() {
        Step forEach = new Step("", "", Map.of(), OnErr.none(), List.of(),
                Optional.of(new ForEach("items", "each", "out", OnErr.none(), null)), null);
        new Sequence(List.of(forEach), Optional.empty(), keysSeen, 4)
                .run(request(Map.of("items", "[ {\"a\" : 1} , \"two\" ]")));
        assertThat(calls).extracting(c -> text(c.state().get("__elem")))
                .containsExactlyInAnyOrder("{\"a\":1}", "\"two\"");
    }

    @Test
    void withViewHasOnlyAliases() {
        Step step = Step.fn("f", "", Map.of("alias", "real"), OnErr.none(), null);
        SequenceResult.Completed done = (SequenceResult.Completed) new Sequence(List.of(step), Optional.empty(),
                keysSeen, 4).run(request(Map.of("real", "1", "other", "2")));
        assertThat(text(done.body())).isEqualTo("alias");
    }

    @Test
    void missingWithKeyFailsTheRequest() {
        Step step = Step.fn("f", "", Map.of("alias", "missing"), OnErr.none(), null);
        assertThatThrownBy(() -> new Sequence(List.of(step), Optional.empty(), keysSeen, 4).run(request(Map.of())))
                .isInstanceOf(SequenceException.class)
                .hasMessage("failed to build desired state, missing does not exists in handler state");
    }

    @Test
    void groupMembersSeeTheStateFromBeforeTheStep() {
        Step group = new Step("", "", Map.of(), OnErr.none(),
                List.of(new CallSpec("a", "", Map.of(), OnErr.none(), null),
                        new CallSpec("b", "", Map.of("only", "start"), OnErr.none(), null)),
                Optional.empty(), null);
        SequenceResult.Completed done = (SequenceResult.Completed) new Sequence(List.of(group), Optional.of("a"),
                keysSeen, 4).run(request(Map.of("start", "s")));
        assertThat(text(done.state().get("a"))).isEqualTo("start");
        assertThat(text(done.state().get("b"))).isEqualTo("only");
        assertThat(text(done.body())).isEqualTo("start");
    }

    @Test
    void lastGroupWithoutResponseAnswersEmpty() {
        Step group = new Step("", "", Map.of(), OnErr.none(),
                List.of(new CallSpec("a", "", Map.of(), OnErr.none(), null)), Optional.empty(), null);
        SequenceResult.Completed done = (SequenceResult.Completed) new Sequence(List.of(group), Optional.empty(),
                keysSeen, 4).run(request(Map.of()));
        assertThat(done.body()).isEmpty();
    }
}
