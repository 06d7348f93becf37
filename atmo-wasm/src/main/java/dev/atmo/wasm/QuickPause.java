package dev.atmo.wasm;

import java.time.Duration;

/**
 * When a Runnable's quick runs may be tried: not for a while after one overran its budget. The pause is
 * {@link #FIRST} after an overrun, doubles with each overrun that follows without a quick run finishing in
 * between, up to {@link #LONGEST}, and starts again from {@link #FIRST} once a quick run finishes. A Runnable
 * that is always slow therefore costs an event loop one budget per minute, one that is slow while it warms up
 * only a few.
 */
final class QuickPause {
    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofMinutes(1);
    private volatile long pausedUntil = System.nanoTime();
    private volatile int overruns;

    boolean allowed() {
        return System.nanoTime() - pausedUntil >= 0;
    }

    /** The pause that {@link #overran()} starts now. */
    Duration next() {
        return Duration.ofNanos(Math.min(FIRST.toNanos() << Math.min(overruns, 16), LONGEST.toNanos()));
    }

    synchronized Duration overran() {
        Duration pause = next();
        overruns++;
        pausedUntil = System.nanoTime() + pause.toNanos();
        return pause;
    }

    void finished() {
        if (overruns != 0) {
            overruns = 0;
        }
    }
}
