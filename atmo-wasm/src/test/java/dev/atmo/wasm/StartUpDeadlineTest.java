package dev.atmo.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atmo.wasm.error.ModuleLoadException;
import dev.atmo.wasm.host.Slf4jGuestLog;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StartUpDeadlineTest {

    // the timeout only keeps a hanging load from hanging the build; the deadline under test is 300 ms
    @ParameterizedTest
    @CsvSource({
            "hang-start-section-wat, COMPILER", "hang-start-export-wat, COMPILER",
            "hang-initialize-wat, COMPILER", "hang-init-wat, COMPILER",
            "hang-start-section-wat, INTERPRETER", "hang-init-wat, INTERPRETER"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void startUpCodeThatNeverReturnsFailsTheLoadAtTheDeadlineNamingTheRunnable(String module, EngineMode mode) {
        Limits limits = Limits.builder().withDeadline(Duration.ofMillis(300)).build();
        assertThatThrownBy(() -> WasmRunnable.load(TestModules.bytes(module),
                ModuleOptions.of(module).withLimits(limits).withMode(mode), new Slf4jGuestLog()))
                .isInstanceOf(ModuleLoadException.class)
                .hasMessage("Runnable " + module + " did not finish its start-up code (start section, _start, "
                        + "_initialize, init) within the deadline of 300 ms");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
