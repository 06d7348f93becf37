package dev.atmo.sequence;

import dev.atmo.request.JobRequest;
import dev.atmo.directive.CallSpec;
import dev.atmo.directive.ForEach;
import dev.atmo.directive.OnErr;
import dev.atmo.directive.Step;
import dev.atmo.directive.StepKind;
import dev.atmo.trace.TraceContext;
import dev.atmo.trace.TraceScope;
import dev.atmo.trace.Tracing;
import dev.atmo.wasm.Outcome;
import dev.atmo.wasm.error.RunnableError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a handler's or schedule's steps in order over one request's state: {@code fn}, {@code group}
 * (members concurrently, each with its own {@code with} and {@code onErr}) and {@code forEach} (elements
 * concurrently, bounded, results in input order), then selects the response body.
 */
public final class Sequence {
    private final List<Step> steps;
    /** Each {@code fn} step's call, built once rather than on every request; empty for other steps. */
    private final List<Optional<CallSpec>> calls;
    private final Optional<String> response;
    private final StepSpans spans;
    private final int maxParallel;

    public Sequence(List<Step> steps, Optional<String> response, StepRunner runner, int maxParallel) {
        this(steps, response, runner, maxParallel, Tracing.off());
    }

    /** A sequence whose steps, group members and forEach elements each run in a span of their own. */
    public Sequence(List<Step> steps, Optional<String> response, StepRunner runner, int maxParallel,
                    Tracing tracing) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a sequence needs at least one step");
        }
        this.steps = List.copyOf(steps);
        this.calls = this.steps.stream()
                .map(step -> step.kind() == StepKind.FN ? Optional.of(step.asCall()) : Optional.<CallSpec>empty())
                .toList();
        this.response = response;
        this.spans = new StepSpans(runner, tracing);
        this.maxParallel = Math.max(1, maxParallel);
    }

    /**
     * Runs every step.
     *
     * @throws SequenceException for failures other than a Runnable's own error
     */
    public SequenceResult run(JobRequest request) {
        // the first step is ready when the request arrived, each later one when the step before it ended
        long ready = request.arrival();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            long readySince = ready;
            Optional<SequenceResult.Failed> failed = switch (step.kind()) {
                case FN -> runCall(calls.get(i).orElseThrow(), request, StateView.of(request.state(), step.with()),
                        readySince);
                case GROUP -> spans.around("group", step.group().size(),
                        () -> runGroup(step.group(), request, readySince));
                case FOR_EACH -> ForEachStep.run(step.forEach().orElseThrow(), request, spans, maxParallel,
                        readySince);
                case INVALID -> throw new SequenceException("step at position " + i
                        + " isn't an Fn, Group, or ForEach");
            };
            if (failed.isPresent()) {
                return failed.get();
            }
            ready = System.nanoTime();
        }
        return completed(request);
    }

    /**
     * Runs a sequence of one {@code fn} step at once on the calling thread, when the runner can run its Runnable
     * quickly in place ({@link StepRunner#tryQuick}); empty, with the request unchanged, when it cannot.
     *
     * @throws SequenceException as {@link #run} does
     */
    public Optional<SequenceResult> tryQuick(JobRequest request) {
        if (steps.size() != 1 || steps.get(0).kind() != StepKind.FN) {
            return Optional.empty();
        }
        CallSpec call = calls.get(0).orElseThrow();
        Optional<Outcome> outcome = spans.tryQuick(
                new StepCall(call.fn(), request, StateView.of(request.state(), call.with()), request.arrival()));
        if (outcome.isEmpty()) {
            return Optional.empty();
        }
        Optional<SequenceResult.Failed> failed = apply(call.fn(), call.stateKey(), call.onErr(), outcome.get(), request);
        return Optional.of(failed.isPresent() ? failed.get() : completed(request));
    }

    /**
     * Whether {@link #tryQuick} may run the steps in place now: one {@code fn} step whose Runnable the runner could
     * run that way. Lets a caller skip building a request that would only be run on a thread.
     */
    public boolean mayRunQuick() {
        return steps.size() == 1 && steps.get(0).kind() == StepKind.FN
                && spans.mayTryQuick(calls.get(0).orElseThrow().fn());
    }

    private SequenceResult completed(JobRequest request) {
        return new SequenceResult.Completed(selectBody(request), Map.copyOf(request.state()), request.responseHeaders());
    }

    private Optional<SequenceResult.Failed> runCall(CallSpec call, JobRequest request, Map<String, byte[]> view,
                                                    long readySince) {
        Outcome outcome = spans.run(new StepCall(call.fn(), request, view, readySince), -1);
        return apply(call.fn(), call.stateKey(), call.onErr(), outcome, request);
    }

    /** Stores an outcome under its key, or decides with {@code onErr} whether an error ends the sequence. */
    static Optional<SequenceResult.Failed> apply(String fn, String key, OnErr onErr, Outcome outcome,
                                                 JobRequest request) {
        request.mergeResponseHeaders(fn, outcome.responseHeaders());
        switch (outcome) {
            case Outcome.Success success -> request.state().put(key, success.output());
            case Outcome.Failure failure -> {
                RunnableError error = failure.error();
                if (!onErr.continues(error.code())) {
                    return Optional.of(new SequenceResult.Failed(error, fn));
                }
                request.state().put(key, ErrorJson.of(error));
            }
        }
        return Optional.empty();
    }

    private Optional<SequenceResult.Failed> runGroup(List<CallSpec> members, JobRequest request, long readySince) {
        List<Map<String, byte[]>> views = members.stream().map(m -> StateView.of(request.state(), m.with())).toList();
        List<Outcome> outcomes = Parallel.map(members.size(), maxParallel, readySince, spans.tracing().current(),
                (i, ready) -> spans.run(new StepCall(members.get(i).fn(), request, views.get(i), ready), i));
        for (int i = 0; i < members.size(); i++) {
            CallSpec member = members.get(i);
            Optional<SequenceResult.Failed> failed = apply(member.fn(), member.stateKey(), member.onErr(),
                    outcomes.get(i), request);
            if (failed.isPresent()) {
                return failed;
            }
        }
        return Optional.empty();
    }

    private byte[] selectBody(JobRequest request) {
        String key;
        if (response.isPresent()) {
            key = response.get();
        } else {
            Step last = steps.get(steps.size() - 1);
            if (last.kind() == StepKind.GROUP) {
                return new byte[0];
            }
            key = last.stateKey();
        }
        byte[] body = request.state().get(key);
        return body == null ? new byte[0] : body;
    }

    /**
     * Runs indexed tasks on virtual threads, at most {@code bound} at once, and returns results in index order. A
     * task is ready since the step's ready time, or since it got its turn when it had to wait for one. Each task
     * runs in the trace context of the step.
     */
    static final class Parallel {
        private Parallel() {
        }

        interface Task<T> {
            T run(int index, long readySince);
        }

        static <T> List<T> map(int count, int bound, long readySince, TraceContext trace, Task<T> task) {
            if (count == 1) {
                return List.of(task.run(0, readySince));
            }
            java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(bound);
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<T>> futures = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    int index = i;
                    futures.add(executor.submit(() -> {
                        long ready = readySince;
                        if (!permits.tryAcquire()) {
                            permits.acquire();
                            ready = System.nanoTime();
                        }
                        try (TraceScope scope = trace.enter()) {
                            return task.run(index, ready);
                        } finally {
                            permits.release();
                        }
                    }));
                }
                List<T> results = new ArrayList<>(count);
                for (Future<T> future : futures) {
                    results.add(future.get());
                }
                return results;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new SequenceException("step failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SequenceException("interrupted while running a step", e);
            }
        }
    }
}
