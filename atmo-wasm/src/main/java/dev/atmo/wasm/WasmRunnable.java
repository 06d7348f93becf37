package dev.atmo.wasm;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.atmo.wasm.abi.AbiVersion;
import dev.atmo.wasm.abi.EnvImports;
import dev.atmo.wasm.abi.Invocation;
import dev.atmo.wasm.error.GuestTrapException;
import dev.atmo.wasm.error.InvocationTimeoutException;
import dev.atmo.wasm.error.ModuleLoadException;
import dev.atmo.wasm.error.PoolBusyException;
import dev.atmo.wasm.error.WasmException;
import dev.atmo.wasm.host.Capabilities;
import dev.atmo.wasm.host.GuestLog;
import dev.atmo.wasm.host.GuestRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded Runnable ready to serve jobs: its compiled module and its instance pool.
 * {@link #invoke} runs one job on a free instance under the configured deadline; {@link #tryQuick} runs one in
 * place under a short budget when it can.
 */
public final class WasmRunnable implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WasmRunnable.class);
    private final RunnableModule module;
    private final InstancePool pool;
    private final boolean selfContained;
    private final QuickPause quick = new QuickPause();

    private WasmRunnable(RunnableModule module) {
        this.module = module;
        this.pool = new InstancePool(module);
        this.selfContained = module.envImports().stream().noneMatch(EnvImports::waitsOnTheOutside);
    }

    /**
     * Loads, compiles and pre-warms a Runnable.
     *
     * @throws ModuleLoadException when the module is not usable
     */
    public static WasmRunnable load(byte[] wasm, ModuleOptions options, GuestLog log) {
        return new WasmRunnable(RunnableModule.load(wasm, options, log));
    }

    public String name() {
        return module.name();
    }

    public AbiVersion abi() {
        return module.abi();
    }

    public InstancePool pool() {
        return pool;
    }

    /** Whether new instances run compiled code (false while a background compile is still going, or failed). */
    public boolean runsCompiledCode() {
        return module.machines().compiled();
    }

    /**
     * Runs one job.
     *
     * @param input   the bytes handed to {@code run_e} (a request's body)
     * @param request the request the guest may read and edit, empty for non-request jobs
     * @throws GuestTrapException          when the guest trapped (the instance is discarded)
     * @throws InvocationTimeoutException  when the deadline passed (the instance is discarded)
     * @throws PoolBusyException           when no instance became free in time
     */
    public Outcome invoke(byte[] input, Optional<GuestRequest> request, Capabilities capabilities) {
        Limits limits = module.options().limits();
        if (!pool.acquire(limits.poolWait().toNanos())) {
            throw new PoolBusyException(module.name(), limits.maxInstances(), limits.poolWait());
        }
        return runAcquired(input, request, capabilities, Watchdog.arm(limits.deadline()),
                Instant.now().plus(limits.deadline()))
                .orElseThrow(() -> new InvocationTimeoutException(module.name(), limits.deadline()));
    }

    /**
     * Runs a job on the calling thread once the right to an instance was {@linkplain InstancePool#acquire acquired}:
     * takes an idle instance or makes one (its start-up code then runs under the same alarm). Empty when the alarm
     * stopped the run, or the start-up code of the new instance.
     */
    Optional<Outcome> runAcquired(byte[] input, Optional<GuestRequest> request, Capabilities capabilities,
                                  Alarm alarm, Instant until) {
        RunnableInstance instance;
        try {
            instance = pool.take();
        } catch (RuntimeException e) {
            if (alarm.disarm()) {
                return Optional.empty();
            }
            throw e;
        }
        return run(instance, input, request, capabilities, alarm, until);
    }

    Limits limits() {
        return module.options().limits();
    }

    /**
     * Whether this Runnable can be run quickly in place: it imports no host function that waits on the outside
     * world (HTTP, GraphQL, cache, database, static files), so a run is pure computation on its input.
     */
    public boolean selfContained() {
        return selfContained;
    }

    /**
     * Runs one job at once on the calling thread, for a thread that must not be held long: only when this
     * Runnable is {@linkplain #selfContained() self-contained}, an instance is idle, and no recent quick run
     * overran. A run still going after {@code budget} is stopped and the result is empty, as it is when the run
     * was not attempted; the caller then runs the job with {@link #invoke} elsewhere. A stopped run changed
     * nothing but what the guest logged. After an overrun, quick runs of this Runnable pause ({@link QuickPause}:
     * one second, doubling while they keep overrunning). The budget is {@link Limits#quickBudget()}; zero turns
     * quick runs off.
     *
     * @throws GuestTrapException when the guest trapped within the budget
     */
    public Optional<Outcome> tryQuick(byte[] input, Optional<GuestRequest> request, Capabilities capabilities) {
        if (!quickAllowed()) {
            return Optional.empty();
        }
        Duration budget = module.options().limits().quickBudget();
        Optional<RunnableInstance> instance = pool.tryBorrowIdle();
        if (instance.isEmpty()) {
            return Optional.empty();
        }
        Optional<Outcome> outcome = run(instance.get(), input, request, capabilities, Sentinel.arm(budget),
                Instant.now().plus(module.options().limits().deadline()));
        if (outcome.isEmpty()) {
            Duration pause = quick.overran();
            LOG.info("Runnable {} ran past its quick budget of {} ms; it runs on its own thread for the next {} s",
                    module.name(), budget.toMillis(), pause.toSeconds());
        } else {
            quick.finished();
        }
        return outcome;
    }

    /**
     * Whether {@link #tryQuick} would try a run now: the Runnable is self-contained, quick runs are on, and none
     * overran lately. Lets a caller skip preparing a job that would not be run in place.
     */
    public boolean quickAllowed() {
        return selfContained && !module.options().limits().quickBudget().isZero() && quick.allowed();
    }

    /** Runs a job on a borrowed instance and returns it to the pool; empty when the alarm stopped the run. */
    private Optional<Outcome> run(RunnableInstance instance, byte[] input, Optional<GuestRequest> request,
                                  Capabilities capabilities, Alarm alarm, Instant until) {
        int ident = ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE);
        Invocation invocation = new Invocation(ident, module.abi(), module.name(), request, capabilities, until);
        boolean healthy = false;
        boolean stopped = false;
        RuntimeException failure = null;
        try {
            instance.run(invocation, input);
            healthy = true;
        } catch (ChicoryInterruptedException e) {
            stopped = true;
        } catch (ChicoryException | WasmException | IllegalArgumentException | IndexOutOfBoundsException
                 | ArithmeticException | StackOverflowError e) {
            failure = new GuestTrapException(trapMessage(e), e);
        } finally {
            if (alarm.disarm() && !healthy) {
                stopped = true;
                failure = null;
            }
            if (healthy && (instance.grewPastHighWater() || instance.outdated())) {
                pool.retire(instance);
            } else if (healthy) {
                pool.giveBack(instance);
            } else {
                pool.discard(instance);
            }
        }
        Map<String, String> headers = request.map(r -> Map.copyOf(r.responseHeaders())).orElse(Map.of());
        if (invocation.error().isPresent()) {
            return Optional.of(new Outcome.Failure(invocation.error().get(), headers));
        }
        if (stopped) {
            return Optional.empty();
        }
        if (failure != null) {
            throw failure;
        }
        return Optional.of(new Outcome.Success(invocation.result().orElse(new byte[0]), headers));
    }

    private String trapMessage(Throwable e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return module.abi().trapPrefix() + detail;
    }

    @Override
    public void close() {
        pool.close();
    }
}
