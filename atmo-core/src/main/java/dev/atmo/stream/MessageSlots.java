package dev.atmo.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A handler's bounded room for messages in flight: a message takes a slot before it is received further
 * (so a full handler stops taking messages and NATS keeps them), runs on its own virtual thread, and frees
 * the slot when its steps and replies are done.
 */
final class MessageSlots {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.stream");
    private final String name;
    private final int bound;
    private final Semaphore free;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    MessageSlots(String name, int bound) {
        this.name = name;
        this.bound = bound;
        this.free = new Semaphore(bound);
    }

    int bound() {
        return bound;
    }

    /** Waits for a free slot. */
    void take() throws InterruptedException {
        free.acquire();
    }

    /** Waits up to {@code wait} for a free slot. */
    boolean take(Duration wait) throws InterruptedException {
        return free.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Takes as many further free slots as there are, up to {@code most}, without waiting. */
    int takeFree(int most) {
        int taken = 0;
        while (taken < most && free.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    void give(int slots) {
        free.release(slots);
    }

    /** Runs a task that holds a slot on a fresh virtual thread; the slot is freed when it ends. */
    void run(Runnable task) {
        threads.execute(() -> {
            try {
                task.run();
            } finally {
                free.release();
            }
        });
    }

    /**
     * Waits until no message is in flight or the deadline passes, then lets the threads go; what still runs
     * at the deadline is interrupted (Runnables honour interruption).
     */
    void finish(Instant deadline) {
        long nanos = Math.max(0, Duration.between(Instant.now(), deadline).toNanos());
        try {
            if (!free.tryAcquire(bound, nanos, TimeUnit.NANOSECONDS)) {
                LOG.warn("subject={} messages still running when the grace period ended were interrupted", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.shutdownNow();
    }
}
