package dev.atmo.wasm.error;

import java.time.Duration;

/** An invocation ran past its deadline and was interrupted; its instance has been discarded. */
public class InvocationTimeoutException extends WasmException {
    public InvocationTimeoutException(String runnable, Duration deadline) {
        super("Runnable " + runnable + " did not finish within its deadline of " + deadline.toMillis() + " ms");
    }
}
