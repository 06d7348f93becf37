package dev.atmo.wasm;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.atmo.wasm.abi.AbiVersion;
import dev.atmo.wasm.abi.Invocation;
import dev.atmo.wasm.host.Capabilities;
import dev.atmo.wasm.host.GuestLog;
import dev.atmo.wasm.host.GuestRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A loaded Runnable ready to serve jobs: its compiled module and its instance pool.
 * {@link #invoke} runs one job on a free instance under the configured deadline.
 */
public final class WasmRunnable implements AutoCloseable {
    private final RunnableModule module;
    private final InstancePool pool;

    private WasmRunnable(RunnableModule module) {
        this.module = module;
        this.pool = new InstancePool(module);
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
        var limits = module.options().limits();
        RunnableInstance instance = pool.borrow();
        int ident = ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE);
        Invocation invocation = new Invocation(ident, module.abi(), module.name(), request, capabilities,
                Instant.now().plus(limits.deadline()));
        Watchdog watchdog = Watchdog.arm(limits.deadline());
        boolean healthy = false;
        RuntimeException failure = null;
        try {
            instance.run(invocation, input);
            healthy = true;
        } catch (ChicoryInterruptedException e) {
            failure = new InvocationTimeoutException(module.name(), limits.deadline());
        } catch (ChicoryException | WasmException | IllegalArgumentException | IndexOutOfBoundsException
                 | ArithmeticException | StackOverflowError e) {
            failure = new GuestTrapException(trapMessage(e), e);
        } finally {
            boolean timedOut = watchdog.disarm();
            if (timedOut && failure == null && !healthy) {
                failure = new InvocationTimeoutException(module.name(), limits.deadline());
            }
            if (timedOut && failure instanceof GuestTrapException) {
                failure = new InvocationTimeoutException(module.name(), limits.deadline());
            }
            if (healthy) {
                pool.giveBack(instance);
            } else {
                pool.discard(instance);
            }
        }
        Map<String, String> headers = request.map(r -> Map.copyOf(r.responseHeaders())).orElse(Map.of());
        if (invocation.error().isPresent()) {
            return new Outcome.Failure(invocation.error().get(), headers);
        }
        if (failure != null) {
            throw failure;
        }
        return new Outcome.Success(invocation.result().orElse(new byte[0]), headers);
    }

    private String trapMessage(Throwable e) {
        String prefix = module.abi() == AbiVersion.A
                ? "failed to execute Wasm Runnable: failed to wasmRun: "
                : "wasm execution error: failed to wasmFunc: ";
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return prefix + detail;
    }

    @Override
    public void close() {
        pool.close();
    }
}
