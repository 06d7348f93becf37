package dev.atmo.directive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OnErrTest {

    @Test
    void withoutOnErrEveryErrorReturns() {
        assertThat(OnErr.none().continues(400)).isFalse();
        assertThat(OnErr.none().continues(500)).isFalse();
    }

    @Test
    void anyContinueContinuesEveryCode() {
        OnErr onErr = new OnErr(Map.of(), "continue", "");
        assertThat(onErr.continues(400)).isTrue();
        assertThat(onErr.continues(0)).isTrue();
    }

    @Test
    void anyReturnReturns() {
        assertThat(new OnErr(Map.of(), "return", "").continues(400)).isFalse();
    }

    @Test
    void listedCodeDecidesAndUnlistedFollowsOther() {
        OnErr onErr = new OnErr(Map.of(404, "continue", 500, "return"), "", "continue");
        assertThat(onErr.continues(404)).isTrue();
        assertThat(onErr.continues(500)).isFalse();
        assertThat(onErr.continues(418)).isTrue();
    }

    @Test
    void unlistedCodeWithoutOtherReturns() {
        OnErr onErr = new OnErr(Map.of(404, "continue"), "", "");
        assertThat(onErr.continues(404)).isTrue();
        assertThat(onErr.continues(400)).isFalse();
    }

    @Test
    void anyIsIgnoredWhenCodesAreListed() {
        OnErr onErr = new OnErr(Map.of(404, "return"), "continue", "");
        assertThat(onErr.continues(404)).isFalse();
        assertThat(onErr.continues(400)).isFalse();
    }

    @Test
    void otherIsIgnoredWithoutCodes() {
        assertThat(new OnErr(Map.of(), "", "continue").continues(400)).isFalse();
    }

    @Test
    void onlyTheExactWordContinueContinues() {
        assertThat(new OnErr(Map.of(), "Continue", "").continues(400)).isFalse();
    }
}
