package dev.atmo.request;

import org.slf4j.MDC;

/**
 * A request's id in the logging context (SLF4J's MDC, key {@value #MDC_KEY}) while it is served: every line logged
 * on the thread meanwhile names the request without spelling the id out. The text log ends such a line with
 * {@code request_id=...}; the JSON log carries it in its {@code scope}.
 */
public final class RequestLog {
    /** The logging MDC key of the request being served. */
    public static final String MDC_KEY = "request_id";

    private RequestLog() {
    }

    /** Closing a scope puts back the request id the thread had before it (or none). */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Makes {@code requestId} the one lines logged on this thread name, until the scope is closed. */
    public static Scope enter(String requestId) {
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, requestId);
        return previous == null ? () -> MDC.remove(MDC_KEY) : () -> MDC.put(MDC_KEY, previous);
    }
}
