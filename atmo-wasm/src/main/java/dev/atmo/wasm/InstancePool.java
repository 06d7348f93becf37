package dev.atmo.wasm;

import dev.atmo.wasm.error.ModuleLoadException;
import dev.atmo.wasm.error.PoolBusyException;
import dev.atmo.wasm.error.WasmException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Instances of one Runnable: created on demand up to a bound, pre-warmed, reused, and dropped after a trap
 * or timeout. A caller that finds every instance busy waits up to the pool wait, then gets {@link PoolBusyException}.
 */
public final class InstancePool implements AutoCloseable {
    private final RunnableModule module;
    private final int maxInstances;
    private final Duration wait;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<RunnableInstance> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger discarded = new AtomicInteger();
    private final AtomicInteger waits = new AtomicInteger();
    private final AtomicInteger retired = new AtomicInteger();

    InstancePool(RunnableModule module) {
        this.module = module;
        this.maxInstances = module.options().limits().maxInstances();
        this.wait = module.options().limits().poolWait();
        this.permits = new Semaphore(maxInstances, true);
        Duration deadline = module.options().limits().deadline();
        for (int i = 0; i < module.options().limits().prewarm(); i++) {
            idle.push(newInstanceWithin(deadline));
        }
    }

    /**
     * Makes an instance on the calling thread with its start-up code (start section, {@code _start},
     * {@code _initialize}, {@code init}) stopped at the deadline, so a module whose start-up never returns fails
     * its load instead of holding the loading thread forever.
     */
    private RunnableInstance newInstanceWithin(Duration deadline) {
        Alarm alarm = Watchdog.arm(deadline);
        try {
            RunnableInstance instance = newInstance();
            alarm.disarm();
            return instance;
        } catch (ModuleLoadException e) {
            if (alarm.disarm()) {
                throw new ModuleLoadException(startUpOverran(module.name(), deadline), e);
            }
            throw e;
        }
    }

    static String startUpOverran(String runnable, Duration deadline) {
        return "Runnable " + runnable + " did not finish its start-up code (start section, _start, _initialize, "
                + "init) within the deadline of " + deadline.toMillis() + " ms";
    }

    /**
     * Waits up to {@code nanos} for the right to use one instance; false when none became free in time. The
     * instance itself is then {@linkplain #take() taken} by the thread that runs the job.
     */
    boolean acquire(long nanos) {
        if (permits.tryAcquire()) {
            return true;
        }
        waits.incrementAndGet();
        if (nanos <= 0) {
            return false;
        }
        try {
            return permits.tryAcquire(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WasmException("interrupted while waiting for an instance of Runnable " + module.name(), e);
        }
    }

    /** Gives back a right {@linkplain #acquire acquired} but never used. */
    void release() {
        permits.release();
    }

    /**
     * After {@link #acquire}: an idle instance, or a new one, whose start-up code then runs on the calling thread
     * (under the caller's alarm). A failure gives the right back.
     */
    RunnableInstance take() {
        RunnableInstance instance = idle.pollFirst();
        if (instance != null) {
            return instance;
        }
        try {
            return newInstance();
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** An idle instance at once, without waiting and without creating one; empty when none is idle. */
    Optional<RunnableInstance> tryBorrowIdle() {
        if (!permits.tryAcquire()) {
            return Optional.empty();
        }
        RunnableInstance instance = idle.pollFirst();
        if (instance == null) {
            permits.release();
            return Optional.empty();
        }
        return Optional.of(instance);
    }

    void giveBack(RunnableInstance instance) {
        idle.addFirst(instance);
        permits.release();
    }

    void discard(RunnableInstance instance) {
        instance.close();
        live.decrementAndGet();
        discarded.incrementAndGet();
        permits.release();
    }

    /**
     * Drops a healthy instance that should not be reused: its memory kept growing
     * ({@link RunnableInstance#grewPastHighWater()}) or compiled code replaced its interpreter
     * ({@link RunnableInstance#outdated()}).
     */
    void retire(RunnableInstance instance) {
        instance.close();
        live.decrementAndGet();
        retired.incrementAndGet();
        permits.release();
    }

    private RunnableInstance newInstance() {
        RunnableInstance instance = RunnableInstance.create(module);
        live.incrementAndGet();
        return instance;
    }

    /** Instances that exist now, idle or in use. */
    public int size() {
        return live.get();
    }

    /** The most instances there may be at once. */
    public int maxInstances() {
        return maxInstances;
    }

    public int idle() {
        return idle.size();
    }

    public int inUse() {
        return maxInstances - permits.availablePermits();
    }

    public int discardedCount() {
        return discarded.get();
    }

    /** Healthy instances dropped because their memory kept growing towards the cap, or to run compiled code. */
    public int retiredCount() {
        return retired.get();
    }

    public int waitCount() {
        return waits.get();
    }

    @Override
    public void close() {
        RunnableInstance instance;
        while ((instance = idle.pollFirst()) != null) {
            instance.close();
            live.decrementAndGet();
        }
    }
}
