package dev.atmo.trace;

/** The time a {@link TraceContext} is current on a thread; closing it restores what was current before. */
public interface TraceScope extends AutoCloseable {
    @Override
    void close();
}
