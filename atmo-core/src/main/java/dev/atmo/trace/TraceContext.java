package dev.atmo.trace;

import java.util.Optional;
import java.util.function.BiConsumer;

/** A position in a trace that work can be done in, on any thread, and that outgoing messages can carry. */
public interface TraceContext {
    /** The logging MDC key of the current trace id. */
    String MDC_TRACE_ID = "trace_id";
    /** The logging MDC key of the current span id. */
    String MDC_SPAN_ID = "span_id";

    /**
     * Makes this context current on the calling thread, with its trace and span ids in the logging MDC
     * ({@code trace_id}, {@code span_id}), until the scope is closed, on the same thread.
     */
    TraceScope enter();

    /** Hands {@code traceparent} (and {@code tracestate}, when there is one) to {@code header}. */
    void inject(BiConsumer<String, String> header);

    /** The trace id as 32 hex digits; empty when there is no trace. */
    Optional<String> traceId();

    /** The span id as 16 hex digits; empty when there is no span. */
    Optional<String> spanId();

    /** Whether the span is sampled, that is exported. */
    boolean sampled();
}
