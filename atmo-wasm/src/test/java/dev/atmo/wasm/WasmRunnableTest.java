package dev.atmo.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.atmo.wasm.error.GuestTrapException;
import dev.atmo.wasm.error.InvocationTimeoutException;
import dev.atmo.wasm.error.ModuleLoadException;
import dev.atmo.wasm.error.PoolBusyException;
import dev.atmo.wasm.error.RunnableError;
import dev.atmo.wasm.host.Capabilities;
import dev.atmo.wasm.host.Slf4jGuestLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WasmRunnableTest {

    static WasmRunnable load(String module, Limits limits, EngineMode mode) {
        return WasmRunnable.load(TestModules.bytes(module),
                ModuleOptions.of(module).withLimits(limits).withMode(mode), new Slf4jGuestLog());
    }

    static String run(WasmRunnable runnable, String input) {
        Outcome outcome = runnable.invoke(input.getBytes(StandardCharsets.UTF_8), Optional.empty(), Capabilities.none());
        assertThat(outcome).isInstanceOf(Outcome.Success.class);
        return new String(((Outcome.Success) outcome).output(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void echoReturnsItsInput(EngineMode mode) {
        try (WasmRunnable echo = load("echo-wat", Limits.defaults(), mode)) {
            assertThat(run(echo, "hello there")).isEqualTo("hello there");
            assertThat(run(echo, "")).isEmpty();
        }
    }

    @Test
    void helloExampleGreetsItsInput() {
        try (WasmRunnable hello = WasmRunnable.load(TestModules.example("hello/hello/hello.wasm"),
                ModuleOptions.of("hello"), new Slf4jGuestLog())) {
            assertThat(run(hello, "world")).isEqualTo("hello world");
        }
    }

    @Test
    void endlessLoopStopsAtTheDeadlineAndTheNextCallSucceeds() {
        Limits limits = Limits.builder().withDeadline(Duration.ofMillis(300)).withMaxInstances(1).build();
        try (WasmRunnable spin = load("spin-wat", limits, EngineMode.COMPILER)) {
            assertThatThrownBy(() -> run(spin, "spin forever"))
                    .isInstanceOf(InvocationTimeoutException.class)
                    .hasMessageContaining("spin-wat").hasMessageContaining("300 ms");
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            assertThat(spin.pool().discardedCount()).isEqualTo(1);
            assertThat(run(spin, "fine")).isEqualTo("fine");
        }
    }

    @Test
    void endlessLoopStopsAtTheDeadlineInTheInterpreter() {
        Limits limits = Limits.builder().withDeadline(Duration.ofMillis(300)).build();
        try (WasmRunnable spin = load("spin-wat", limits, EngineMode.INTERPRETER)) {
            assertThatThrownBy(() -> run(spin, "spin")).isInstanceOf(InvocationTimeoutException.class);
            assertThat(run(spin, "next")).isEqualTo("next");
        }
    }

    @Test
    void memoryGrowthStopsAtTheCap() {
        Limits limits = Limits.builder().withMaxMemoryPages(16).build();
        try (WasmRunnable grow = load("grow-wat", limits, EngineMode.COMPILER)) {
            assertThat(run(grow, "go")).isEqualTo("15");
        }
    }

    @Test
    void anInstanceWhoseMemoryKeepsGrowingIsRetiredBeforeItReachesTheCap() {
        // abi-a-rust follows the Suborbital Rust SDK 0.12: every input it is given stays allocated
        Limits limits = Limits.builder().withMaxMemoryPages(48).withMaxInstances(1).build();
        try (WasmRunnable leaky = WasmRunnable.load(TestModules.bytes("abi-a-rust"),
                ModuleOptions.of("abi-a-rust").withLimits(limits), new Slf4jGuestLog())) {
            String text = "x".repeat(65536);
            for (int i = 0; i < 100; i++) {
                assertThat(run(leaky, "echo " + text)).as("run " + i).isEqualTo(text);
            }
            assertThat(leaky.pool().retiredCount()).isPositive();
            assertThat(leaky.pool().discardedCount()).isZero();
        }
    }

    @Test
    void anInstanceThatNeedsMuchMemoryButStopsGrowingIsKept() {
        try (WasmRunnable echo = load("echo-c", Limits.builder().withMaxMemoryPages(48).build(),
                EngineMode.COMPILER)) {
            String big = "x".repeat(16 * 65536);
            for (int i = 0; i < 5; i++) {
                assertThat(run(echo, big)).isEqualTo(big);
            }
            assertThat(run(echo, "small")).isEqualTo("small");
            assertThat(echo.pool().retiredCount()).isZero();
        }
    }

    @Test
    void trapFailsTheInvocationAndDiscardsTheInstance() {
        try (WasmRunnable trap = load("trap-wat", Limits.defaults(), EngineMode.COMPILER)) {
            assertThatThrownBy(() -> run(trap, "x"))
                    .isInstanceOf(GuestTrapException.class)
                    .hasMessageStartingWith("failed to execute Wasm Runnable: failed to wasmRun: ");
            assertThat(trap.pool().discardedCount()).isEqualTo(1);
        }
    }

    @Test
    void reportedErrorWinsOverALaterTrap() {
        try (WasmRunnable trap = load("trap-after-error-wat", Limits.defaults(), EngineMode.COMPILER)) {
            Outcome outcome = trap.invoke(new byte[0], Optional.empty(), Capabilities.none());
            assertThat(outcome).isEqualTo(new Outcome.Failure(new RunnableError(418, "teapot"), java.util.Map.of()));
        }
    }

    @Test
    void firstReportedResultWins() {
        try (WasmRunnable twice = load("double-result-wat", Limits.defaults(), EngineMode.COMPILER)) {
            assertThat(run(twice, "")).isEqualTo("first");
        }
    }

    @Test
    void missingImportFailsToLoadNamingIt() {
        assertThatThrownBy(() -> load("missing-import-wat", Limits.defaults(), EngineMode.COMPILER))
                .isInstanceOf(ModuleLoadException.class)
                .hasMessageContaining("env.not_a_real_import");
    }

    @Test
    void missingRequiredExportsFailToLoad() {
        assertThatThrownBy(() -> load("no-run-e-wat", Limits.defaults(), EngineMode.COMPILER))
                .hasMessageContaining("missing required FFI function: run_e");
        assertThatThrownBy(() -> load("no-allocate-wat", Limits.defaults(), EngineMode.COMPILER))
                .hasMessageContaining("missing required FFI function: allocate");
    }

    @Test
    void eightThreadsOfTenThousandInvocationsKeepOutputsCorrectAndTheHeapFlat() throws Exception {
        try (WasmRunnable echo = load("echo-wat", Limits.builder().withMaxInstances(8).build(), EngineMode.COMPILER)) {
            String padding = "x".repeat(1000);
            runThreads(echo, 8, 1_000, padding);
            long before = usedHeapAfterGc();
            runThreads(echo, 8, 10_000, padding);
            long after = usedHeapAfterGc();
            assertThat(after - before).as("heap growth over 80,000 invocations of 1 KiB").isLessThan(40L << 20);
            assertThat(echo.pool().size()).isLessThanOrEqualTo(8);
            assertThat(echo.pool().discardedCount()).isZero();
        }
    }

    /** Runs {@code each} echoes on each of {@code threads} threads; any wrong output or failure fails the test. */
    private static void runThreads(WasmRunnable echo, int threads, int each, String padding) throws Exception {
        List<Future<Integer>> wrong = new ArrayList<>();
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory())) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                wrong.add(executor.submit(() -> {
                    int mismatches = 0;
                    for (int i = 0; i < each; i++) {
                        String input = thread + ":" + i + ":" + padding;
                        if (!run(echo, input).equals(input)) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<Integer> result : wrong) {
                assertThat(result.get(120, TimeUnit.SECONDS)).as("wrong outputs on one thread").isZero();
            }
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    @Test
    void guestStdoutAndStderrGoToTheLogWithTheRunnablesName() {
        java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.atmo.wasm.host.GuestLog log = (level, runnable, requestId, ident, message) ->
                lines.add(level + " " + runnable + " " + message);
        try (WasmRunnable print = WasmRunnable.load(TestModules.bytes("print-wat"), ModuleOptions.of("print-wat"), log)) {
            Outcome outcome = print.invoke(new byte[0], Optional.empty(), Capabilities.builder().log(log).build());
            assertThat(((Outcome.Success) outcome).output()).isEqualTo("printed".getBytes(StandardCharsets.UTF_8));
            assertThat(lines).containsExactly("INFO print-wat hello stdout", "WARN print-wat oops on stderr");
        }
    }

    @Test
    void pointersOutsideGuestMemoryTrapOnlyThatInvocation() {
        try (WasmRunnable bad = load("bad-pointer-wat", Limits.defaults(), EngineMode.COMPILER)) {
            assertThatThrownBy(() -> run(bad, "bad!"))
                    .isInstanceOf(GuestTrapException.class)
                    .hasMessageContaining("host function return_result was given bytes 4294967040..4294968040 outside guest memory");
            assertThat(run(bad, "fine")).isEqualTo("fine");
        }
    }

    @Test
    void callersWaitForABusyPoolThenGetAClearError() throws Exception {
        Limits limits = Limits.builder().withMaxInstances(1).withDeadline(Duration.ofSeconds(3))
                .withPoolWait(Duration.ofMillis(200)).build();
        try (WasmRunnable spin = load("spin-wat", limits, EngineMode.COMPILER)) {
            CompletableFuture<Throwable> busy = CompletableFuture.supplyAsync(() -> catchThrowable(() -> run(spin, "spin")),
                    task -> Thread.ofPlatform().start(task));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> spin.pool().inUse() == 1);
            assertThatThrownBy(() -> run(spin, "next"))
                    .isInstanceOf(PoolBusyException.class)
                    .hasMessage("Runnable spin-wat is busy: all 1 instances in use for 200 ms; raise the pool size or the wait");
            assertThat(busy.get(30, TimeUnit.SECONDS)).isInstanceOf(InvocationTimeoutException.class);
            assertThat(run(spin, "after")).isEqualTo("after");
            assertThat(spin.pool().waitCount()).isEqualTo(1);
        }
    }

    @Test
    void garbageBytesFailToLoad() {
        assertThatThrownBy(() -> WasmRunnable.load(new byte[] {1, 2, 3}, ModuleOptions.of("junk"), new Slf4jGuestLog()))
                .isInstanceOf(ModuleLoadException.class).hasMessageContaining("junk");
    }
}
