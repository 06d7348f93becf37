package dev.atmo.wasm;

import dev.atmo.wasm.error.GuestThreadsBusyException;
import dev.atmo.wasm.error.GuestTrapException;
import dev.atmo.wasm.error.InvocationTimeoutException;
import dev.atmo.wasm.error.PoolBusyException;
import dev.atmo.wasm.error.WasmException;
import dev.atmo.wasm.host.Capabilities;
import dev.atmo.wasm.host.GuestRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The platform threads guest code runs on, a bounded number of them behind a bounded queue.
 *
 * <p>Compiled guest code never yields: on a virtual thread a guest that loops holds its carrier, and a few of them
 * hold every carrier, so nothing else that runs on virtual threads gets a processor until their deadline. On
 * platform threads the operating system time-slices guests with everything else, and the watchdog's interrupt
 * stops them at their deadline (Chicory's compiled and interpreted code check the thread's interrupt flag).
 *
 * <p>{@link #invoke} is called from any thread (a request's virtual thread): it waits there, cheaply, for an
 * instance and for a guest thread, and counts every wait from the moment the job became ready (a request's
 * arrival). A job that cannot start within the pool wait gets {@link PoolBusyException}; one that cannot finish
 * by its deadline gets {@link InvocationTimeoutException} at the deadline, while the guest is stopped on its own
 * thread.
 */
public final class GuestThreads implements AutoCloseable {
    /** Jobs that may wait for a guest thread, per thread. */
    public static final int QUEUE_PER_THREAD = 16;
    /** How long a job that got its instance at the end of its pool wait may still take to reach a free thread. */
    private static final long HANDOVER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** How much nicer than the rest of the server guest threads run by default. */
    public static final int DEFAULT_NICENESS = 10;

    private final int threads;
    private final GuestNiceness niceness;
    private final ThreadPoolExecutor executor;

    private GuestThreads(int threads, GuestNiceness niceness) {
        this.threads = threads;
        this.niceness = niceness;
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * QUEUE_PER_THREAD),
                task -> Thread.ofPlatform().daemon().name("atmo-guest-" + count.incrementAndGet()).unstarted(() -> {
                    niceness.applyToCurrentThread();
                    task.run();
                }));
        this.executor.allowCoreThreadTimeOut(true);
    }

    /** Four per processor, at least eight: room for guests that wait on outbound calls beside those computing. */
    public static int defaultThreads() {
        return Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    }

    /** Starts {@code threads} guest threads at {@link #DEFAULT_NICENESS}. */
    public static GuestThreads start(int threads) {
        return start(threads, DEFAULT_NICENESS);
    }

    /**
     * @param niceness how much nicer than the rest of the server guest threads run (0 to 19; 0: as nice)
     * @throws IllegalArgumentException when threads is below 1 or niceness out of range
     */
    public static GuestThreads start(int threads, int niceness) {
        if (threads < 1) {
            throw new IllegalArgumentException("guest threads must be at least 1, got " + threads);
        }
        return new GuestThreads(threads, GuestNiceness.of(niceness));
    }

    public int niceness() {
        return niceness.niceness();
    }

    public int threads() {
        return threads;
    }

    /** Guest threads running a job now. */
    public int busy() {
        return executor.getActiveCount();
    }

    /** Jobs waiting for a guest thread. */
    public int queued() {
        return executor.getQueue().size();
    }

    /**
     * Runs one job of {@code runnable} on a guest thread and waits for its outcome.
     *
     * @param readySince when the job became ready to run, as a {@link System#nanoTime()} reading: the request's
     *                   arrival for its first step. The pool wait and the deadline count from then.
     * @throws PoolBusyException          when no instance or no guest thread became free within the pool wait
     * @throws InvocationTimeoutException when the deadline passed first (a running guest is stopped)
     * @throws GuestTrapException         when the guest trapped
     */
    public Outcome invoke(WasmRunnable runnable, byte[] input, Optional<GuestRequest> request,
                          Capabilities capabilities, long readySince) {
        return invoke(runnable, input, request, capabilities, readySince, UnaryOperator.identity());
    }

    /**
     * As {@link #invoke(WasmRunnable, byte[], Optional, Capabilities, long)}, with the job's run on its guest thread
     * wrapped by {@code onGuestThread}: the caller's way to carry what is bound to its own thread (the trace it
     * works in) to the thread that runs the guest and its host calls.
     */
    public Outcome invoke(WasmRunnable runnable, byte[] input, Optional<GuestRequest> request,
                          Capabilities capabilities, long readySince, UnaryOperator<Runnable> onGuestThread) {
        Limits limits = runnable.limits();
        long deadlineAt = readySince + limits.deadline().toNanos();
        long startBy = Math.min(deadlineAt, readySince + limits.poolWait().toNanos());
        if (!runnable.pool().acquire(startBy - System.nanoTime())) {
            throw late(runnable, deadlineAt, () -> new PoolBusyException(runnable.name(), limits.maxInstances(),
                    limits.poolWait()));
        }
        Job job = new Job(runnable, input, request, capabilities, deadlineAt);
        try {
            executor.execute(onGuestThread.apply(job));
        } catch (RejectedExecutionException e) {
            runnable.pool().release();
            throw new GuestThreadsBusyException(runnable.name(), threads, executor.getQueue().size());
        }
        try {
            // one wait for the outcome: a job that is done or running by then is waited for up to its deadline,
            // one still queued is taken back (waking the caller when the job merely starts would cost a switch)
            long handedBy = Math.min(deadlineAt, Math.max(startBy, System.nanoTime() + HANDOVER_NANOS));
            if (!job.awaitDone(handedBy) && job.cancel()) {
                runnable.pool().release();
                throw late(runnable, deadlineAt, () -> new GuestThreadsBusyException(runnable.name(), threads,
                        limits.poolWait()));
            }
            return job.awaitOutcome(deadlineAt)
                    .orElseThrow(() -> new InvocationTimeoutException(runnable.name(), limits.deadline()));
        } catch (InterruptedException e) {
            // the caller was told to stop (a drain at the end of its grace period): so is its guest
            if (job.cancel()) {
                runnable.pool().release();
            } else {
                job.stop();
            }
            Thread.currentThread().interrupt();
            throw new WasmException("interrupted while waiting for Runnable " + runnable.name(), e);
        }
    }

    /** Past the deadline a job that never started is a timeout like any other; before it, the pool was busy. */
    private static WasmException late(WasmRunnable runnable, long deadlineAt, Supplier<WasmException> busy) {
        return System.nanoTime() - deadlineAt >= 0
                ? new InvocationTimeoutException(runnable.name(), runnable.limits().deadline())
                : busy.get();
    }

    /** Stops every guest: running ones are interrupted, waiting ones never start. */
    @Override
    public void close() {
        executor.shutdownNow();
        niceness.close();
    }

    /**
     * One job handed to a guest thread. It starts at most once and only if its caller still waits: the caller
     * cancels it when it did not start in time, and then gives its instance right back itself.
     */
    private static final class Job implements Runnable {
        private static final int WAITING = 0;
        private static final int RUNNING = 1;
        private static final int CANCELLED = 2;
        private final AtomicInteger state = new AtomicInteger(WAITING);
        private final CompletableFuture<Optional<Outcome>> outcome = new CompletableFuture<>();
        private final WasmRunnable runnable;
        private final byte[] input;
        private final Optional<GuestRequest> request;
        private final Capabilities capabilities;
        private final long deadlineAt;
        private Thread runner;
        private boolean over;
        private boolean stopped;

        Job(WasmRunnable runnable, byte[] input, Optional<GuestRequest> request, Capabilities capabilities,
            long deadlineAt) {
            this.runnable = runnable;
            this.input = input;
            this.request = request;
            this.capabilities = capabilities;
            this.deadlineAt = deadlineAt;
        }

        @Override
        public void run() {
            if (!state.compareAndSet(WAITING, RUNNING)) {
                return;
            }
            synchronized (this) {
                runner = Thread.currentThread();
            }
            long left = deadlineAt - System.nanoTime();
            try {
                if (left <= 0) {
                    runnable.pool().release();
                    outcome.complete(Optional.empty());
                    return;
                }
                outcome.complete(runnable.runAcquired(input, request, capabilities,
                        Watchdog.arm(Duration.ofNanos(left)), Instant.now().plusNanos(left)));
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            } finally {
                synchronized (this) {
                    over = true;
                    if (stopped) {
                        Thread.interrupted(); // the next job on this thread must not see this job's stop
                    }
                }
            }
        }

        /** Interrupts the guest thread while it runs this job; after the job, nothing. */
        synchronized void stop() {
            if (runner != null && !over) {
                stopped = true;
                runner.interrupt();
            }
        }

        /** True when the job cancelled itself away from the guest thread; false when it runs or ran. */
        boolean cancel() {
            return state.compareAndSet(WAITING, CANCELLED);
        }

        /** Waits up to {@code until} (a nano time) for the job to end; false if it has not ended by then. */
        boolean awaitDone(long until) throws InterruptedException {
            try {
                outcome.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                return true;
            }
        }

        /** The outcome, or empty when the deadline (a nano time) came first or the guest was stopped at it. */
        Optional<Outcome> awaitOutcome(long until) throws InterruptedException {
            try {
                return outcome.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return Optional.empty();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new WasmException("Runnable " + runnable.name() + " failed: " + cause, cause);
            }
        }
    }
}
