package dev.atmo.directive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepTest {
    private static final CallSpec MEMBER = new CallSpec("hello", "", Map.of(), OnErr.none(), Mark.NONE);
    private static final ForEach EACH = new ForEach("people", "greet", "greetings", OnErr.none(), Mark.NONE);

    private static Step step(String fn, String as, List<CallSpec> group, Optional<ForEach> forEach) {
        return new Step(fn, as, Map.of(), OnErr.none(), group, forEach, Mark.NONE);
    }

    @Test
    void kindsFollowTheDefinitions() {
        assertThat(step("hello", "", List.of(), Optional.empty()).kind()).isEqualTo(StepKind.FN);
        assertThat(step("", "", List.of(MEMBER), Optional.empty()).kind()).isEqualTo(StepKind.GROUP);
        assertThat(step("", "", List.of(), Optional.of(EACH)).kind()).isEqualTo(StepKind.FOR_EACH);
        assertThat(step("", "", List.of(), Optional.empty()).kind()).isEqualTo(StepKind.INVALID);
        assertThat(step("hello", "", List.of(MEMBER), Optional.empty()).kind()).isEqualTo(StepKind.INVALID);
        assertThat(step("hello", "", List.of(), Optional.of(EACH)).kind()).isEqualTo(StepKind.INVALID);
        assertThat(step("", "", List.of(MEMBER), Optional.of(EACH)).kind()).isEqualTo(StepKind.INVALID);
    }

    @Test
    void stateKeyIsAsOrTheFnTextAsWritten() {
        assertThat(step("db::getUser", "", List.of(), Optional.empty()).stateKey()).isEqualTo("db::getUser");
        assertThat(step("db::getUser", "user", List.of(), Optional.empty()).stateKey()).isEqualTo("user");
        assertThat(step("", "", List.of(), Optional.of(EACH)).stateKey()).isEqualTo("greetings");
        assertThat(MEMBER.stateKey()).isEqualTo("hello");
    }

    @Test
    void everyPeriodIsTheSumOfItsParts() {
        assertThat(new Every(5, 1, 1, 1).period().toSeconds()).isEqualTo(5 + 60 + 3600 + 86400);
    }
}
