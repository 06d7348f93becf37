package dev.atmo.directive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionTest {
    private static final List<String> HANDLER_KEYS = List.of("type", "source", "method", "resource", "steps",
            "response", "respondTo");

    @Test
    void aDroppedLetterSuggestsTheKey() {
        assertThat(Suggestion.closest("resouce", HANDLER_KEYS)).contains("resource");
    }

    @Test
    void swappedLettersCountAsOneEdit() {
        assertThat(Suggestion.distance("prot", "port")).isEqualTo(1);
        assertThat(Suggestion.closest("--prot", List.of("--port", "--host", "--help"))).contains("--port");
    }

    @Test
    void aDifferentCaseIsSuggested() {
        assertThat(Suggestion.didYouMean("Method", HANDLER_KEYS)).isEqualTo(" (did you mean 'method'?)");
    }

    @Test
    void aWordFarFromEveryKnownOneHasNoSuggestion() {
        assertThat(Suggestion.closest("langauge", HANDLER_KEYS)).isEmpty();
        assertThat(Suggestion.didYouMean("zzz", HANDLER_KEYS)).isEmpty();
    }
}
