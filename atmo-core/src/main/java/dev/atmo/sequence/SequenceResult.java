package dev.atmo.sequence;

import dev.atmo.wasm.RunnableError;
import java.util.Map;

/** How a sequence ended: all steps done, or stopped by a Runnable error that was not continued. */
public sealed interface SequenceResult {

    /** Every step ran; {@code body} is the selected response body. */
    record Completed(byte[] body, Map<String, byte[]> state, Map<String, String> responseHeaders)
            implements SequenceResult {
    }

    /** A Runnable returned an error and its {@code onErr} said return. */
    record Failed(RunnableError error, String fn) implements SequenceResult {
    }
}
