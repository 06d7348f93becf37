package dev.atmo.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;

/** An OpenTelemetry {@link Span} in progress, with the context it is current in. */
final class OtelSpan extends OtelContext implements TraceSpan {
    private final Span span;

    OtelSpan(Context context, Span span, TextMapPropagator propagator) {
        super(context, propagator);
        this.span = span;
    }

    @Override
    public boolean recording() {
        return span.isRecording();
    }

    @Override
    public TraceSpan attribute(String key, String value) {
        span.setAttribute(key, value);
        return this;
    }

    @Override
    public TraceSpan attribute(String key, long value) {
        span.setAttribute(key, value);
        return this;
    }

    @Override
    public TraceSpan attribute(String key, double value) {
        span.setAttribute(key, value);
        return this;
    }

    @Override
    public TraceSpan attribute(String key, boolean value) {
        span.setAttribute(key, value);
        return this;
    }

    @Override
    public void error(String message) {
        span.setStatus(StatusCode.ERROR, message);
    }

    @Override
    public void end() {
        span.end();
    }
}
