package dev.atmo.reply;

import dev.atmo.request.HeaderNames;
import dev.atmo.sequence.SequenceException;
import dev.atmo.sequence.SequenceResult;
import dev.atmo.sequence.StepFailure;
import dev.atmo.wasm.error.InvocationTimeoutException;
import dev.atmo.wasm.error.PoolBusyException;
import dev.atmo.wasm.error.WasmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one mapping from how steps ended to the reply, the same over HTTP and NATS and in a schedule's outcome: a
 * completed sequence is 200 with the selected body and the Runnables' headers (Go-canonical names); a Runnable's
 * returned error is its code when that is 200–599, else 500; a step that could not run is the status its
 * engine failure maps to (a deadline 504, a busy pool 503, anything else 500).
 */
public final class Replies {
    private Replies() {
    }

    /** The reply for a sequence's result. */
    public static Reply of(SequenceResult result) {
        return switch (result) {
            case SequenceResult.Completed done -> completed(done);
            case SequenceResult.Failed failed -> Reply.error(failed.status(), failed.error().message());
        };
    }

    /** The reply for a sequence that did not run to its end: a step's status, 500 for any other reason. */
    public static Reply of(SequenceException failure) {
        int status = failure instanceof StepFailure step ? step.status() : 500;
        return Reply.error(status, failure.getMessage());
    }

    /** What a Runnable's returned error says, after whoever names the run: {@code <fn> returned error N: text}. */
    public static String describe(SequenceResult.Failed failed) {
        return failed.fn() + " returned error " + failed.error().code() + ": " + failed.error().message();
    }

    /** The status a step gets when the engine could not run its Runnable. */
    public static int status(WasmException failure) {
        return switch (failure) {
            case InvocationTimeoutException timeout -> 504;
            case PoolBusyException busy -> 503;
            default -> 500;
        };
    }

    private static Reply completed(SequenceResult.Completed done) {
        Map<String, String> headers = new LinkedHashMap<>();
        done.responseHeaders().forEach((k, v) -> headers.put(HeaderNames.canonical(k), v));
        return new Reply(200, headers, done.body());
    }
}
