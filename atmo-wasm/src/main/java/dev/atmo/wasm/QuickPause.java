package dev.atmo.wasm;

import java.time.Duration;

/**
 * When a Runnable's quick runs may be tried: not for {@link #PAUSE} after one overran its budget, so a
 * Runnable that is sometimes slow costs an event loop at most one budget per pause.
 */
final class QuickPause {
    static final Duration PAUSE = Duration.ofSeconds(1);
    private volatile long pausedUntil = System.nanoTime();

    boolean allowed() {
        return System.nanoTime() - pausedUntil >= 0;
    }

    void overran() {
        pausedUntil = System.nanoTime() + PAUSE.toNanos();
    }
}
