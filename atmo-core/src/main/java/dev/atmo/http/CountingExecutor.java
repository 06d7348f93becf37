package dev.atmo.http;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Runs request work on another executor and counts what is queued or running, from the moment the event loop
 * hands a request over until its response is written, so a stop can wait for exactly that.
 */
final class CountingExecutor implements Executor {
    private final Executor delegate;
    private int active;

    CountingExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            active++;
        }
        try {
            delegate.execute(() -> {
                try {
                    task.run();
                } finally {
                    done();
                }
            });
        } catch (RuntimeException e) {
            done();
            throw e;
        }
    }

    private synchronized void done() {
        active--;
        if (active == 0) {
            notifyAll();
        }
    }

    /** Waits until no request work is queued or running, or the grace period ends; true when idle. */
    synchronized boolean awaitIdle(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (active > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
