package dev.atmo.sequence;

import dev.atmo.trace.TraceScope;
import dev.atmo.trace.TraceSpan;
import dev.atmo.trace.Tracing;
import dev.atmo.wasm.Outcome;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a sequence's Runnable calls, each in a span of its own when traces are on: named for the step's
 * {@code fn}, with the Runnable's name and FQFN, marked failed with the Runnable's error message. Group and
 * forEach steps get a span around their members' or elements' spans.
 */
final class StepSpans {
    private final StepRunner runner;
    private final Tracing tracing;

    StepSpans(StepRunner runner, Tracing tracing) {
        this.runner = runner;
        this.tracing = tracing;
    }

    Tracing tracing() {
        return tracing;
    }

    /**
     * Runs one call.
     *
     * @param index the position of a forEach element or group member, -1 for a step of its own
     */
    Outcome run(StepCall call, int index) {
        if (!tracing.enabled()) {
            return runner.run(call);
        }
        TraceSpan span = stepSpan(call.fn(), index);
        return span.run(() -> marked(span, runner.run(call)));
    }

    boolean mayTryQuick(String fn) {
        return runner.mayTryQuick(fn);
    }

    /** Runs one call quickly in place if the runner can; a call that did not run leaves no span. */
    Optional<Outcome> tryQuick(StepCall call) {
        if (!tracing.enabled()) {
            return runner.tryQuick(call);
        }
        TraceSpan span = stepSpan(call.fn(), -1);
        Optional<Outcome> outcome;
        try (TraceScope scope = span.enter()) {
            outcome = runner.tryQuick(call).map(o -> marked(span, o));
        } catch (RuntimeException e) {
            span.error(e.getMessage());
            span.end();
            throw e;
        }
        outcome.ifPresent(o -> span.end());
        return outcome;
    }

    /** Runs a group's or forEach's members inside a span named {@code name}. */
    <T> T around(String name, int members, Supplier<T> work) {
        if (!tracing.enabled()) {
            return work.get();
        }
        return tracing.internal(name).attribute("atmo.step.members", members).run(work);
    }

    private TraceSpan stepSpan(String fn, int index) {
        TraceSpan span = tracing.internal("step " + fn).attribute("atmo.step.fn", fn);
        runner.identify(fn).ifPresent(runnable -> span.attribute("atmo.runnable", runnable.name())
                .attribute("atmo.fqfn", runnable.fqfn()));
        if (index >= 0) {
            span.attribute("atmo.step.index", index);
        }
        return span;
    }

    private static Outcome marked(TraceSpan span, Outcome outcome) {
        if (outcome instanceof Outcome.Failure failure) {
            span.attribute("atmo.error.code", failure.error().code());
            span.error(failure.error().message());
        }
        return outcome;
    }
}
