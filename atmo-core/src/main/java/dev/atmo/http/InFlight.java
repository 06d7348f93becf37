package dev.atmo.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Counts work in progress (requests, stream messages) so a stop or a reload can wait for it to finish. */
public final class InFlight {
    private int count;

    public synchronized void enter() {
        count++;
    }

    public synchronized void exit() {
        count--;
        if (count == 0) {
            notifyAll();
        }
    }

    public synchronized int count() {
        return count;
    }

    /** Waits until nothing is in flight or the grace period ends; true when everything finished. */
    public synchronized boolean awaitIdle(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (count > 0) {
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
