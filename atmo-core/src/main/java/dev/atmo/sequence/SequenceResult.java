package dev.atmo.sequence;

import dev.atmo.wasm.error.RunnableError;
import java.util.Map;

/** How a sequence ended: all steps done, or stopped by a Runnable error that was not continued. */
public sealed interface SequenceResult {

    /** Every step ran; {@code body} is the selected response body. */
    record Completed(byte[] body, Map<String, byte[]> state, Map<String, String> responseHeaders)
            implements SequenceResult {
    }

    /** A Runnable returned an error and its {@code onErr} said return. */
    record Failed(RunnableError error, String fn) implements SequenceResult {
        /** The HTTP status the error maps to: its code when that is 200–599, otherwise 500. */
        public int status() {
            int code = error.code();
            return code >= 200 && code <= 599 ? code : 500;
        }
    }
}
