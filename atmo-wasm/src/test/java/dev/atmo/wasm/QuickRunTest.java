package dev.atmo.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.atmo.wasm.error.GuestTrapException;
import dev.atmo.wasm.error.InvocationTimeoutException;
import dev.atmo.wasm.host.Capabilities;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class QuickRunTest {
    private static Optional<Outcome> quick(WasmRunnable runnable, String input) {
        return runnable.tryQuick(input.getBytes(StandardCharsets.UTF_8), Optional.empty(), Capabilities.none());
    }

    private static String output(Optional<Outcome> outcome) {
        assertThat(outcome).isPresent().get().isInstanceOf(Outcome.Success.class);
        return new String(((Outcome.Success) outcome.get()).output(), StandardCharsets.UTF_8);
    }

    @Test
    void aSelfContainedRunnableRunsInPlaceWithTheSameResultAsAnInvocation() {
        try (WasmRunnable echo = WasmRunnableTest.load("echo-wat", Limits.defaults(), EngineMode.COMPILER)) {
            assertThat(echo.selfContained()).isTrue();
            assertThat(output(quick(echo, "in place"))).isEqualTo(WasmRunnableTest.run(echo, "in place"));
            assertThat(echo.pool().inUse()).isZero();
        }
    }

    @Test
    void aRunPastTheBudgetIsStoppedLeavesNoInterruptAndPausesQuickRuns() {
        Limits limits = Limits.builder().deadline(Duration.ofSeconds(30)).quickBudget(Duration.ofMillis(50))
                .build();
        try (WasmRunnable spin = WasmRunnableTest.load("spin-wat", limits, EngineMode.COMPILER)) {
            long start = System.nanoTime();
            assertThat(quick(spin, "spin forever")).isEmpty();
            // generous: the run is stopped at its 50 ms budget; 10 s only rules out waiting for the 30 s deadline
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            assertThat(spin.pool().discardedCount()).isEqualTo(1);

            // paused: not even tried, though this input would finish at once
            assertThat(spin.quickAllowed()).isFalse();
            assertThat(quick(spin, "fine")).isEmpty();
            assertThat(WasmRunnableTest.run(spin, "fine")).isEqualTo("fine");

            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> quick(spin, "fine again").isPresent());
            assertThat(spin.pool().discardedCount()).isEqualTo(1);
        }
    }

    @Test
    void aZeroBudgetTurnsQuickRunsOff() {
        Limits limits = Limits.builder().quickBudget(Duration.ZERO).build();
        try (WasmRunnable echo = WasmRunnableTest.load("echo-wat", limits, EngineMode.COMPILER)) {
            assertThat(echo.quickAllowed()).isFalse();
            assertThat(quick(echo, "x")).isEmpty();
            assertThat(WasmRunnableTest.run(echo, "x")).isEqualTo("x");
        }
    }

    @Test
    void aTrapWithinTheBudgetIsTheAnswer() {
        try (WasmRunnable trap = WasmRunnableTest.load("trap-wat", Limits.defaults(), EngineMode.COMPILER)) {
            assertThatThrownBy(() -> quick(trap, "x")).isInstanceOf(GuestTrapException.class);
            assertThat(trap.pool().discardedCount()).isEqualTo(1);
        }
    }

    @Test
    void aRunnableThatCallsOutIsNeverRunInPlace() {
        try (WasmRunnable exerciser = WasmRunnableTest.load("abi-a-c", Limits.defaults(), EngineMode.COMPILER)) {
            assertThat(exerciser.selfContained()).isFalse();
            assertThat(quick(exerciser, "echo quick")).isEmpty();
            assertThat(exerciser.pool().inUse()).isZero();
        }
    }

    @Test
    void noIdleInstanceMeansNoQuickRunAndNoWait() throws Exception {
        Limits limits = Limits.builder().maxInstances(1).deadline(Duration.ofSeconds(3)).build();
        try (WasmRunnable spin = WasmRunnableTest.load("spin-wat", limits, EngineMode.COMPILER)) {
            CompletableFuture<Throwable> busy = CompletableFuture.supplyAsync(
                    () -> catchThrowable(() -> WasmRunnableTest.run(spin, "spin")),
                    task -> Thread.ofPlatform().start(task));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> spin.pool().inUse() == 1);
            long start = System.nanoTime();
            assertThat(quick(spin, "fine")).isEmpty();
            // generous: the point is that it does not wait out the 3 s deadline of the busy instance
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
            assertThat(spin.pool().waitCount()).isZero();
            assertThat(busy.get(30, TimeUnit.SECONDS)).isInstanceOf(InvocationTimeoutException.class);
        }
    }
}
