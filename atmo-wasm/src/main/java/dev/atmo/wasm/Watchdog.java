package dev.atmo.wasm;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts an invoking thread at its deadline; Chicory's compiled and interpreted code stop on interruption.
 * The lock makes "finished" and "interrupted" mutually exclusive, so a finished call never sees a stray interrupt.
 */
final class Watchdog {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "atmo-wasm-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final Thread thread = Thread.currentThread();
    private final ScheduledFuture<?> future;
    private boolean finished;
    private boolean fired;

    private Watchdog(Duration deadline) {
        this.future = TIMER.schedule(this::fire, deadline.toNanos(), TimeUnit.NANOSECONDS);
    }

    static Watchdog arm(Duration deadline) {
        return new Watchdog(deadline);
    }

    private synchronized void fire() {
        if (!finished) {
            fired = true;
            thread.interrupt();
        }
    }

    /** Disarms and reports whether the deadline fired; clears the interrupt it may have caused. */
    synchronized boolean disarm() {
        finished = true;
        future.cancel(false);
        if (fired) {
            Thread.interrupted();
        }
        return fired;
    }
}
