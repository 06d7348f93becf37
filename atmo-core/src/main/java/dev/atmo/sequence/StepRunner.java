package dev.atmo.sequence;

import dev.atmo.wasm.Outcome;
import java.util.Optional;

/**
 * Runs one Runnable for a step. The server resolves {@code fn} to a loaded Runnable and invokes it with the
 * request body as input; engine failures (trap, timeout, busy) propagate as exceptions.
 */
@FunctionalInterface
public interface StepRunner {
    Outcome run(StepCall call);

    /**
     * Runs the step at once on the calling thread, a thread that must not be held long, if the Runnable can be
     * run that way and finishes within its budget; empty otherwise, with nothing changed, and the caller then
     * uses {@link #run} on its own thread.
     */
    default Optional<Outcome> tryQuick(StepCall call) {
        return Optional.empty();
    }

    /**
     * Whether {@link #tryQuick} could run a call of {@code fn} in place now; false when it certainly would not, so
     * that a caller can skip preparing such a call. True by default: then only {@link #tryQuick} decides.
     */
    default boolean mayTryQuick(String fn) {
        return true;
    }

    /** The Runnable {@code fn} names, to describe its step in traces; empty when it names none. */
    default Optional<RunnableIdentity> identify(String fn) {
        return Optional.empty();
    }
}
