package dev.atmo.sequence;

import dev.atmo.wasm.Outcome;

/**
 * Runs one Runnable for a step. The server resolves {@code fn} to a loaded Runnable and invokes it with the
 * request body as input; engine failures (trap, timeout, busy) propagate as exceptions.
 */
@FunctionalInterface
public interface StepRunner {
    Outcome run(StepCall call);
}
