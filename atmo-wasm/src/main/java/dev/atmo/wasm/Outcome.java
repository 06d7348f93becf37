package dev.atmo.wasm;

import dev.atmo.wasm.error.RunnableError;
import java.util.Map;

/**
 * What one invocation produced: either the Runnable's output or the error it reported.
 * Traps, timeouts and load failures are exceptions, not outcomes.
 */
public sealed interface Outcome {

    /** Headers the guest set with {@code resp_set_header} during this invocation. */
    Map<String, String> responseHeaders();

    /** The guest reported a result (possibly empty, also when it reported nothing). */
    record Success(byte[] output, Map<String, String> responseHeaders) implements Outcome {
    }

    /** The guest reported an error. */
    record Failure(RunnableError error, Map<String, String> responseHeaders) implements Outcome {
    }
}
