package dev.atmo.metrics;

import dev.atmo.trace.TraceContext;
import dev.atmo.trace.Tracing;
import io.prometheus.metrics.tracer.common.SpanContext;

/** The span current where a histogram records, as the Prometheus client asks for it to keep an exemplar. */
final class TraceExemplars implements SpanContext {
    private final Tracing tracing;

    TraceExemplars(Tracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public String getCurrentTraceId() {
        return tracing.current().traceId().orElse(null);
    }

    @Override
    public String getCurrentSpanId() {
        return tracing.current().spanId().orElse(null);
    }

    @Override
    public boolean isCurrentSpanSampled() {
        TraceContext current = tracing.current();
        return current.traceId().isPresent() && current.sampled();
    }

    @Override
    public void markCurrentSpanAsExemplar() {
        // the span needs no mark: its trace id in the exposition is what leads to it
    }
}
