package dev.atmo.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.testing.RepositoryRoot;
import dev.atmo.wasm.cache.ModuleCache;
import dev.atmo.wasm.host.Slf4jGuestLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundCompileTest {

    @Test
    void aModuleServesAtOnceInterpretedThenItsInstancesMoveToTheCompiledCode() throws IOException {
        // about 2 MiB of code: compiling it takes long enough that the first jobs are surely interpreted
        byte[] big = Files.readAllBytes(RepositoryRoot.resolve("bench/startup/big-rs/big.wasm"));
        ModuleOptions options = ModuleOptions.of("big").withMode(EngineMode.COMPILER_IN_BACKGROUND)
                .withLimits(Limits.builder().maxInstances(1).build());
        try (WasmRunnable runnable = WasmRunnable.load(big, options, new Slf4jGuestLog())) {
            assertThat(runnable.runsCompiledCode()).isFalse();
            assertThat(WasmRunnableTest.run(runnable, "early")).isEqualTo("hello early");
            assertThat(runnable.pool().retiredCount()).isZero();

            Awaitility.await().atMost(Duration.ofMinutes(2)).until(runnable::runsCompiledCode);
            assertThat(WasmRunnableTest.run(runnable, "interpreted once more")).isEqualTo("hello interpreted once more");
            assertThat(runnable.pool().retiredCount()).as("the interpreted instance is replaced").isEqualTo(1);
            assertThat(WasmRunnableTest.run(runnable, "compiled")).isEqualTo("hello compiled");
            assertThat(WasmRunnableTest.run(runnable, "again")).isEqualTo("hello again");
            assertThat(runnable.pool().retiredCount()).isEqualTo(1);
            assertThat(runnable.pool().discardedCount()).isZero();
        }
    }

    @Test
    void compiledCodeFoundInTheModuleCacheIsUsedFromTheStart(@TempDir Path temp) {
        ModuleCache cache = ModuleCache.open(temp.resolve("modules"));
        ModuleOptions options = ModuleOptions.of("echo-wat").withMode(EngineMode.COMPILER_IN_BACKGROUND)
                .withCache(Optional.of(cache));
        try (WasmRunnable first = WasmRunnable.load(TestModules.bytes("echo-wat"), options, new Slf4jGuestLog())) {
            Awaitility.await().atMost(Duration.ofMinutes(1)).until(first::runsCompiledCode);
        }
        try (WasmRunnable second = WasmRunnable.load(TestModules.bytes("echo-wat"), options, new Slf4jGuestLog())) {
            assertThat(second.runsCompiledCode()).isTrue();
            assertThat(WasmRunnableTest.run(second, "cached")).isEqualTo("cached");
        }
    }

    @Test
    void waitingForTheCompilerMeansCompiledCodeFromTheStart() {
        try (WasmRunnable echo = WasmRunnableTest.load("echo-wat", Limits.defaults(), EngineMode.COMPILER)) {
            assertThat(echo.runsCompiledCode()).isTrue();
        }
        try (WasmRunnable echo = WasmRunnableTest.load("echo-wat", Limits.defaults(), EngineMode.INTERPRETER)) {
            assertThat(echo.runsCompiledCode()).isFalse();
        }
    }
}
