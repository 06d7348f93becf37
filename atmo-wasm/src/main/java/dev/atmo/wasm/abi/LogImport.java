package dev.atmo.wasm.abi;

import dev.atmo.wasm.host.LogLevel;

/** {@code log_msg}: guest log lines go to the configured log with the Runnable and request id. */
final class LogImport {
    private LogImport() {
    }

    static long logMsg(Invocation inv, GuestMemory memory, long[] a) {
        String message = memory.readString(a[0], a[1]);
        inv.capabilities().log().log(LogLevel.fromAbi((int) a[2]), inv.runnable(), inv.info().requestId(),
                inv.ident(), message);
        return 0;
    }
}
