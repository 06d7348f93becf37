package dev.atmo.wasm.abi;

import dev.atmo.wasm.error.RunnableError;
import dev.atmo.wasm.host.LogLevel;

/** {@code return_result}, {@code return_error}, {@code return_abort}: how a guest reports the job's outcome. */
final class ResultImports {
    private ResultImports() {
    }

    static long returnResult(Invocation inv, GuestMemory memory, long[] a) {
        inv.reportResult(memory.read(a[0], a[1]));
        return 0;
    }

    static long returnError(Invocation inv, GuestMemory memory, long[] a) {
        inv.reportError(new RunnableError((int) a[0], memory.readString(a[1], a[2])));
        return 0;
    }

    static long returnAbort(Invocation inv, GuestMemory memory, long[] a) {
        String message = "runnable abort: " + memory.readString(a[0], a[1]) + "; file: "
                + memory.readString(a[2], a[3]) + ", line: " + (int) a[4] + ", col: " + (int) a[5];
        inv.capabilities().log().log(LogLevel.ERROR, inv.runnable(), inv.info().requestId(), inv.ident(), message);
        inv.reportError(new RunnableError(-1, message));
        return 0;
    }
}
