package dev.atmo.stream;

import dev.atmo.directive.OnErr;
import dev.atmo.directive.Step;
import dev.atmo.sequence.Sequence;
import dev.atmo.sequence.StepCall;
import dev.atmo.sequence.StepRunner;
import dev.atmo.wasm.Outcome;
import dev.atmo.wasm.error.RunnableError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A one-step handler whose step the test scripts: it records the bodies it sees in call order and how many
 * calls ran at once, may wait at a gate the test opens, and answers the body upper-cased unless told
 * otherwise.
 */
final class ScriptedSteps implements StepRunner {
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final List<String> quickThreads = new CopyOnWriteArrayList<>();
    private volatile boolean quick;
    private volatile Function<String, Outcome> answer = body -> success(body.toUpperCase(Locale.ROOT));

    static Outcome success(String output) {
        return new Outcome.Success(output.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Outcome failure(int code, String message) {
        return new Outcome.Failure(new RunnableError(code, message), Map.of());
    }

    Sequence sequence() {
        return new Sequence(List.of(Step.fn("work", "", Map.of(), OnErr.none(), null)), Optional.empty(), this, 1);
    }

    /** Calls from now on wait until {@link #open()}. */
    ScriptedSteps hold() {
        gate = new CountDownLatch(1);
        return this;
    }

    /**
     * Calls from now on are answered in place ({@link #tryQuick}) when {@code inPlace}, recording the thread;
     * otherwise {@link #tryQuick} declines and the call comes to {@link #run}.
     */
    ScriptedSteps quick(boolean inPlace) {
        this.quick = inPlace;
        return this;
    }

    /** The threads {@link #tryQuick} answered on, in call order. */
    List<String> quickThreads() {
        return List.copyOf(quickThreads);
    }

    @Override
    public boolean mayTryQuick(String fn) {
        return quick;
    }

    @Override
    public Optional<Outcome> tryQuick(StepCall call) {
        if (!quick) {
            return Optional.empty();
        }
        Thread thread = Thread.currentThread();
        quickThreads.add(thread.isVirtual() ? "virtual" : thread.getName());
        return Optional.of(run(call));
    }

    void open() {
        gate.countDown();
    }

    ScriptedSteps answer(Function<String, Outcome> answer) {
        this.answer = answer;
        return this;
    }

    @Override
    public Outcome run(StepCall call) {
        String body = new String(call.request().body(), StandardCharsets.UTF_8);
        bodies.add(body);
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            gate.await();
            return answer.apply(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(500, "interrupted");
        } finally {
            running.decrementAndGet();
        }
    }

    List<String> bodies() {
        return List.copyOf(bodies);
    }

    int running() {
        return running.get();
    }

    int mostAtOnce() {
        return mostAtOnce.get();
    }

    /** Whether {@code thread} is blocked inside a method named {@code method}: a stop waiting for work in flight. */
    static boolean blockedIn(Thread thread, String method) {
        Thread.State state = thread.getState();
        return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                && java.util.Arrays.stream(thread.getStackTrace()).anyMatch(f -> f.getMethodName().equals(method));
    }
}
