package dev.atmo.wasm;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts an invoking thread at its deadline; Chicory's compiled and interpreted code stop on interruption.
 * The lock makes "finished" and "interrupted" mutually exclusive, so a finished call never sees a stray interrupt.
 */
final class Watchdog implements Alarm {
    private static final Duration TICK = Duration.ofMillis(500);
    private static final ScheduledExecutorService TIMER = timer();

    private final Thread thread = Thread.currentThread();
    private final ScheduledFuture<?> future;
    private boolean finished;
    private boolean fired;

    private Watchdog(Duration deadline) {
        this.future = TIMER.schedule(this::fire, deadline.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * The deadline timer. A cancelled deadline is removed from the queue at once: otherwise every finished
     * invocation would leave its task queued (and reachable) for the whole deadline, so the queue and the old
     * generation would grow with the request rate. A no-op tick every {@link #TICK} keeps a task near the head of
     * the queue: a new deadline further away than that is queued behind it without waking the timer thread, which
     * would otherwise happen on every invocation once the queue is empty.
     */
    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "atmo-wasm-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.scheduleAtFixedRate(() -> { }, TICK.toNanos(), TICK.toNanos(), TimeUnit.NANOSECONDS);
        return timer;
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

    @Override
    public synchronized boolean disarm() {
        finished = true;
        future.cancel(false);
        if (fired) {
            Thread.interrupted();
        }
        return fired;
    }
}
