package dev.atmo.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.MDC;

/** An OpenTelemetry {@link Context} as a {@link TraceContext}. */
class OtelContext implements TraceContext {
    private final Context context;
    private final TextMapPropagator propagator;

    OtelContext(Context context, TextMapPropagator propagator) {
        this.context = context;
        this.propagator = propagator;
    }

    private SpanContext ids() {
        return Span.fromContext(context).getSpanContext();
    }

    @Override
    public TraceScope enter() {
        Scope scope = context.makeCurrent();
        SpanContext ids = ids();
        if (!ids.isValid()) {
            return scope::close;
        }
        String traceBefore = MDC.get(MDC_TRACE_ID);
        String spanBefore = MDC.get(MDC_SPAN_ID);
        MDC.put(MDC_TRACE_ID, ids.getTraceId());
        MDC.put(MDC_SPAN_ID, ids.getSpanId());
        return () -> {
            restore(MDC_TRACE_ID, traceBefore);
            restore(MDC_SPAN_ID, spanBefore);
            scope.close();
        };
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    @Override
    public void inject(BiConsumer<String, String> header) {
        propagator.inject(context, header, (into, key, value) -> into.accept(key, value));
    }

    @Override
    public Optional<String> traceId() {
        SpanContext ids = ids();
        return ids.isValid() ? Optional.of(ids.getTraceId()) : Optional.empty();
    }

    @Override
    public Optional<String> spanId() {
        SpanContext ids = ids();
        return ids.isValid() ? Optional.of(ids.getSpanId()) : Optional.empty();
    }

    @Override
    public boolean sampled() {
        return ids().isSampled();
    }
}
