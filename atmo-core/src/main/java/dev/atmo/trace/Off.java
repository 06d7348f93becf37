package dev.atmo.trace;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/** Tracing that is off: one object that is the tracing, every span, every context and every scope. */
final class Off implements Tracing, TraceSpan, TraceScope {
    static final Off INSTANCE = new Off();

    private Off() {
    }

    @Override
    public boolean enabled() {
        return false;
    }

    @Override
    public TraceSpan server(String name, Map<String, String> headers, long arrival) {
        return this;
    }

    @Override
    public TraceSpan consumer(String name, Map<String, String> headers) {
        return this;
    }

    @Override
    public TraceSpan internal(String name) {
        return this;
    }

    @Override
    public TraceSpan client(String name) {
        return this;
    }

    @Override
    public TraceContext current() {
        return this;
    }

    @Override
    public TraceScope enter() {
        return this;
    }

    @Override
    public void inject(BiConsumer<String, String> header) {
    }

    @Override
    public Optional<String> traceId() {
        return Optional.empty();
    }

    @Override
    public Optional<String> spanId() {
        return Optional.empty();
    }

    @Override
    public boolean sampled() {
        return false;
    }

    @Override
    public boolean recording() {
        return false;
    }

    @Override
    public TraceSpan attribute(String key, String value) {
        return this;
    }

    @Override
    public TraceSpan attribute(String key, long value) {
        return this;
    }

    @Override
    public TraceSpan attribute(String key, double value) {
        return this;
    }

    @Override
    public TraceSpan attribute(String key, boolean value) {
        return this;
    }

    @Override
    public void error(String message) {
    }

    @Override
    public void end() {
    }

    @Override
    public void close() {
    }
}
