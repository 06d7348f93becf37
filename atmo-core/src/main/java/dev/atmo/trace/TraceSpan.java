package dev.atmo.trace;

import java.util.function.Supplier;

/**
 * A span in progress. It is exported once {@link #end()} is called; a span never ended is never exported, which
 * is how work that was tried and given up (a quick run that did not happen) leaves no trace.
 */
public interface TraceSpan extends TraceContext {
    /**
     * The span of {@link Tracing#off()}: it records nothing. (A method, not a constant: a constant here would
     * be read while the class that implements it is still being initialised, and be null.)
     */
    static TraceSpan none() {
        return Off.INSTANCE;
    }

    /** Whether attributes set on this span are kept; false for {@link #none()}. */
    boolean recording();

    TraceSpan attribute(String key, String value);

    TraceSpan attribute(String key, long value);

    TraceSpan attribute(String key, double value);

    TraceSpan attribute(String key, boolean value);

    /** Marks the span failed, with {@code message} as its status description. */
    void error(String message);

    void end();

    /**
     * Runs {@code work} with this span current, then ends the span; when {@code work} throws, the span is marked
     * failed with the message of what it threw.
     */
    default <T> T run(Supplier<T> work) {
        try (TraceScope scope = enter()) {
            return work.get();
        } catch (RuntimeException e) {
            error(e.getMessage());
            throw e;
        } finally {
            end();
        }
    }
}
