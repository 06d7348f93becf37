package dev.atmo.http;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Runs request work on another executor and counts what is queued or running, from the moment the event loop
 * hands a request over until its response is written, so a stop can wait for exactly that.
 */
final class CountingExecutor implements Executor {
    private final Executor delegate;
    private final InFlight active = new InFlight();

    CountingExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        active.enter();
        try {
            delegate.execute(() -> {
                try {
                    task.run();
                } finally {
                    active.exit();
                }
            });
        } catch (RuntimeException e) {
            active.exit();
            throw e;
        }
    }

    /** Waits until no request work is queued or running, or the grace period ends; true when idle. */
    boolean awaitIdle(Duration grace) {
        return active.awaitIdle(grace);
    }
}
