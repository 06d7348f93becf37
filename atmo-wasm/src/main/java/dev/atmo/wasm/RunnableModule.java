package dev.atmo.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.atmo.wasm.abi.AbiVersion;
import dev.atmo.wasm.error.ModuleLoadException;
import dev.atmo.wasm.host.GuestLog;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Runnable's module, parsed, checked ({@link ModuleChecks}) and compiled ({@link ModuleCompiler}) once; every
 * instance shares the compiled code. Loading fails with a message naming the Runnable when an import is not
 * provided, a required export is missing, or the memory cannot fit the configured cap.
 */
public final class RunnableModule {
    private static final Logger LOG = LoggerFactory.getLogger(RunnableModule.class);

    private final ModuleOptions options;
    private final WasmModule module;
    private final AbiVersion abi;
    private volatile Machines machines;
    private final List<String> envImports;
    private final boolean usesWasi;
    private final MemoryLimits memoryLimits;
    private final Set<String> exports;
    private final GuestLog log;

    private RunnableModule(ModuleOptions options, ModuleChecks.Checked checked, Machines machines, GuestLog log) {
        this.options = options;
        this.module = checked.module();
        this.abi = checked.abi();
        this.machines = machines;
        this.envImports = checked.envImports();
        this.usesWasi = checked.usesWasi();
        this.memoryLimits = checked.memoryLimits();
        this.exports = checked.exports();
        this.log = log;
    }

    /**
     * Parses and compiles a module.
     *
     * @throws ModuleLoadException when the bytes are not a usable Runnable
     */
    public static RunnableModule load(byte[] wasm, ModuleOptions options, GuestLog log) {
        ModuleChecks.Checked checked = ModuleChecks.check(wasm, options);
        WasmModule module = checked.module();
        // compiled code already in the module cache loads faster than the interpreter would serve the first jobs
        boolean cached = options.cache().filter(c -> CompilerCache.holds(c, module.digest())).isPresent();
        if (options.mode() != EngineMode.COMPILER_IN_BACKGROUND || cached) {
            Machines machines = options.mode() == EngineMode.INTERPRETER ? Machines.INTERPRETER
                    : new Machines(ModuleCompiler.compile(options.name(), module, options), true);
            return new RunnableModule(options, checked, machines, log);
        }
        RunnableModule loaded = new RunnableModule(options, checked, Machines.INTERPRETER, log);
        BackgroundCompiler.EXECUTOR.execute(loaded::compileInBackground);
        return loaded;
    }

    /** Compiles modules one per processor at a time, on daemon threads, so a large bundle does not start hundreds. */
    private static final class BackgroundCompiler {
        static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors(),
                Thread.ofPlatform().daemon().name("atmo-compile-", 1).factory());
    }

    /** The factory new instances get their machine from, and whether it runs compiled code. */
    record Machines(Function<Instance, Machine> factory, boolean compiled) {
        static final Machines INTERPRETER = new Machines(InterpreterMachine::new, false);
    }

    private void compileInBackground() {
        long start = System.nanoTime();
        try {
            machines = new Machines(ModuleCompiler.compile(options.name(), module, options), true);
            LOG.info("Runnable {} compiled in {} ms; new instances run the compiled code", options.name(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Runnable {} could not be compiled, it stays interpreted: {}", options.name(), e.getMessage());
        }
    }

    public String name() {
        return options.name();
    }

    public AbiVersion abi() {
        return abi;
    }

    public ModuleOptions options() {
        return options;
    }

    public boolean exports(String name) {
        return exports.contains(name);
    }

    /**
     * Instantiates and initialises one instance outside any pool, for measuring what a pool pays when it grows;
     * close it when done. Jobs run through {@link WasmRunnable}, never on such an instance.
     */
    public AutoCloseable instantiate() {
        return RunnableInstance.create(this);
    }

    WasmModule module() {
        return module;
    }

    Machines machines() {
        return machines;
    }

    List<String> envImports() {
        return envImports;
    }

    boolean usesWasi() {
        return usesWasi;
    }

    MemoryLimits memoryLimits() {
        return memoryLimits;
    }

    GuestLog log() {
        return log;
    }
}
