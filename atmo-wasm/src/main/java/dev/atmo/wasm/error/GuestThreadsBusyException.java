package dev.atmo.wasm.error;

import java.time.Duration;

/** A job had its instance but no guest thread became free for it in time, or too many jobs already waited. */
public class GuestThreadsBusyException extends PoolBusyException {
    public GuestThreadsBusyException(String runnable, int threads, int waiting) {
        super("Runnable " + runnable + " could not be queued: all " + threads + " guest threads are busy and "
                + waiting + " jobs wait for them; raise the number of guest threads");
    }

    public GuestThreadsBusyException(String runnable, int threads, Duration waited) {
        super("Runnable " + runnable + " did not get one of the " + threads + " guest threads within "
                + waited.toMillis() + " ms; raise the number of guest threads or the wait");
    }
}
