package dev.atmo.wasm.host;

/** Where guest {@code log_msg} lines and guest stdout/stderr go. */
@FunctionalInterface
public interface GuestLog {
    /**
     * @param runnable  the Runnable that logged
     * @param requestId the request id of the job, empty when the job is not a request
     * @param ident     the invocation's ident, 0 outside an invocation
     */
    void log(LogLevel level, String runnable, String requestId, int ident, String message);
}
