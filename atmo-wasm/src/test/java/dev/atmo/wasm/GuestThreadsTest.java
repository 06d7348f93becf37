package dev.atmo.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.atmo.wasm.error.GuestThreadsBusyException;
import dev.atmo.wasm.error.InvocationTimeoutException;
import dev.atmo.wasm.error.PoolBusyException;
import dev.atmo.wasm.error.WasmException;
import dev.atmo.wasm.host.Capabilities;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GuestThreadsTest {

    private static Outcome invoke(GuestThreads guests, WasmRunnable runnable, String input, long readySince) {
        return guests.invoke(runnable, input.getBytes(StandardCharsets.UTF_8), Optional.empty(), Capabilities.none(),
                readySince);
    }

    private static String output(Outcome outcome) {
        return new String(((Outcome.Success) outcome).output(), StandardCharsets.UTF_8);
    }

    @Test
    void aJobRunsOnAGuestThreadAndReturnsItsOutcome() {
        try (GuestThreads guests = GuestThreads.start(2);
             WasmRunnable echo = WasmRunnableTest.load("echo-wat", Limits.defaults(), EngineMode.COMPILER)) {
            assertThat(output(invoke(guests, echo, "hello", System.nanoTime()))).isEqualTo("hello");
            assertThat(echo.pool().inUse()).isZero();
        }
    }

    @Test
    void aLoopingGuestIsStoppedOnItsGuestThreadAndItsInstanceDiscarded() {
        Limits limits = Limits.builder().withDeadline(Duration.ofMillis(300)).withMaxInstances(1).build();
        try (GuestThreads guests = GuestThreads.start(2);
             WasmRunnable spin = WasmRunnableTest.load("spin-wat", limits, EngineMode.COMPILER)) {
            assertThatThrownBy(() -> invoke(guests, spin, "spin forever", System.nanoTime()))
                    .isInstanceOf(InvocationTimeoutException.class)
                    .hasMessage("Runnable spin-wat did not finish within its deadline of 300 ms");
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            // the guest stops on its own thread: its instance is given up and a later job runs
            await().atMost(Duration.ofSeconds(10)).until(() -> spin.pool().inUse() == 0);
            assertThat(spin.pool().discardedCount()).isEqualTo(1);
            assertThat(guests.busy()).isZero();
            assertThat(output(invoke(guests, spin, "fine", System.nanoTime()))).isEqualTo("fine");
        }
    }

    @Test
    void aJobReadySinceLongerThanItsDeadlineTimesOutWithoutRunning() {
        Limits limits = Limits.builder().withDeadline(Duration.ofMillis(300)).build();
        try (GuestThreads guests = GuestThreads.start(2);
             WasmRunnable echo = WasmRunnableTest.load("echo-wat", limits, EngineMode.COMPILER)) {
            long arrivedLongAgo = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
            assertThatThrownBy(() -> invoke(guests, echo, "late", arrivedLongAgo))
                    .isInstanceOf(InvocationTimeoutException.class);
            assertThat(echo.pool().inUse()).isZero();
            assertThat(echo.pool().discardedCount()).isZero();
        }
    }

    @Test
    void aJobThatGetsNoGuestThreadWithinThePoolWaitIsBusy() throws Exception {
        Limits limits = Limits.builder().withDeadline(Duration.ofSeconds(3)).withMaxInstances(2)
                .withPoolWait(Duration.ofMillis(300)).build();
        try (GuestThreads guests = GuestThreads.start(1);
             WasmRunnable spin = WasmRunnableTest.load("spin-wat", limits, EngineMode.COMPILER)) {
            CompletableFuture<Throwable> looping = CompletableFuture.supplyAsync(() -> {
                try {
                    invoke(guests, spin, "spin", System.nanoTime());
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> guests.busy() == 1);
            assertThatThrownBy(() -> invoke(guests, spin, "no thread for me", System.nanoTime()))
                    .isInstanceOf(GuestThreadsBusyException.class)
                    .isInstanceOf(PoolBusyException.class)
                    .hasMessage("Runnable spin-wat did not get one of the 1 guest threads within 300 ms; "
                            + "raise the number of guest threads or the wait");
            assertThat(looping.get()).isInstanceOf(InvocationTimeoutException.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> spin.pool().inUse() == 0);
        }
    }

    @Test
    void interruptingTheCallerStopsItsGuest() throws Exception {
        Limits limits = Limits.builder().withDeadline(Duration.ofSeconds(60)).build();
        try (GuestThreads guests = GuestThreads.start(2);
             WasmRunnable spin = WasmRunnableTest.load("spin-wat", limits, EngineMode.COMPILER)) {
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    invoke(guests, spin, "spin", System.nanoTime());
                    failure.complete(null);
                } catch (RuntimeException e) {
                    failure.complete(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> guests.busy() == 1);
            caller.interrupt();
            assertThat(failure.get()).isInstanceOf(WasmException.class)
                    .hasMessage("interrupted while waiting for Runnable spin-wat");
            // stopped long before its 60 s deadline: the instance is discarded and the guest thread is free again
            await().atMost(Duration.ofSeconds(10)).until(() -> spin.pool().inUse() == 0);
            assertThat(spin.pool().discardedCount()).isEqualTo(1);
            assertThat(output(invoke(guests, spin, "next", System.nanoTime()))).isEqualTo("next");
        }
    }
}
