package dev.atmo.wasm.error;

import java.time.Duration;

/** Every instance of a Runnable stayed busy for longer than the caller was willing to wait. */
public class PoolBusyException extends WasmException {
    public PoolBusyException(String runnable, int instances, Duration waited) {
        super("Runnable " + runnable + " is busy: all " + instances + " instances in use for "
                + waited.toMillis() + " ms; raise the pool size or the wait");
    }

    protected PoolBusyException(String message) {
        super(message);
    }
}
