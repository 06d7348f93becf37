package dev.atmo.trace;

import java.util.Map;

/**
 * Distributed traces of the server's work: a span for each handler, step, invocation and call that leaves the
 * process, exported over OTLP, continuing the W3C trace context a request or message carries.
 *
 * <p>{@link #off()} is the default and costs nothing: no OpenTelemetry class is loaded and every span is
 * {@link TraceSpan#none()}. Callers that would build a name or attributes first ask {@link #enabled()}.
 */
public interface Tracing extends AutoCloseable {

    /** No traces. */
    static Tracing off() {
        return Off.INSTANCE;
    }

    /**
     * Traces as the settings say: off when they are not {@linkplain TraceSettings#enabled() enabled}, otherwise
     * the OpenTelemetry SDK configured from them and the standard {@code OTEL_*} variables.
     *
     * @throws TraceException when the SDK refuses its configuration
     */
    static Tracing start(TraceSettings settings) {
        return settings.enabled() ? OtelTracing.start(settings) : off();
    }

    /** Whether spans are made and exported. */
    boolean enabled();

    /**
     * A server span for an incoming HTTP request or websocket message, continuing the trace its
     * {@code traceparent}/{@code tracestate} headers carry (header names in any case), or starting one.
     *
     * @param arrival when the request arrived, a {@link System#nanoTime()} reading: the span starts then
     */
    TraceSpan server(String name, Map<String, String> headers, long arrival);

    /** A consumer span for an incoming message, continuing the trace its headers carry, or starting one. */
    TraceSpan consumer(String name, Map<String, String> headers);

    /** A span for work inside the process, a child of the span current on this thread (a root when none is). */
    TraceSpan internal(String name);

    /** A span for a call that leaves the process, a child of the span current on this thread. */
    TraceSpan client(String name);

    /** What is current on this thread, to {@linkplain TraceContext#enter() enter} on a thread doing part of it. */
    TraceContext current();

    /** Exports the spans not sent yet and stops the exporter. */
    @Override
    void close();
}
