package dev.atmo.cli.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunnableNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"hello", "x", "hello-world", "v2", "a1-b2"})
    void lowercaseLettersDigitsAndDashesAreAccepted(String name) {
        assertThat(RunnableName.check(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Hello", "hello_world", "2fast", "-x", "x-", "a b", "a/b", "..", "é"})
    void otherNamesAreRefusedSayingWhatIsAllowed(String name) {
        assertThatThrownBy(() -> RunnableName.check(name)).isInstanceOf(UsageException.class)
                .hasMessage("invalid Runnable name '" + name + "': use lowercase letters, digits and '-', starting "
                        + "with a letter and not ending with '-' (for example hello-world)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello-big-world"})
    void theCrateNameHasUnderscoresForDashes(String name) {
        assertThat(RunnableName.crate(name)).isEqualTo("hello_big_world");
    }
}
