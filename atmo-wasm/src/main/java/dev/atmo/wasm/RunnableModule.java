package dev.atmo.wasm;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.atmo.wasm.abi.AbiVersion;
import dev.atmo.wasm.abi.EnvImports;
import dev.atmo.wasm.error.ModuleLoadException;
import dev.atmo.wasm.host.GuestLog;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Runnable's module, parsed, checked and compiled once; every instance shares the compiled code.
 * Loading fails with a message naming the Runnable when an import is not provided, a required export
 * is missing, or the memory cannot fit the configured cap.
 */
public final class RunnableModule {
    static final String WASI_MODULE = "wasi_snapshot_preview1";
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

    private RunnableModule(ModuleOptions options, WasmModule module, AbiVersion abi,
                           Machines machines, List<String> envImports, boolean usesWasi,
                           MemoryLimits memoryLimits, Set<String> exports, GuestLog log) {
        this.options = options;
        this.module = module;
        this.abi = abi;
        this.machines = machines;
        this.envImports = envImports;
        this.usesWasi = usesWasi;
        this.memoryLimits = memoryLimits;
        this.exports = exports;
        this.log = log;
    }

    /**
     * Parses and compiles a module.
     *
     * @throws ModuleLoadException when the bytes are not a usable Runnable
     */
    public static RunnableModule load(byte[] wasm, ModuleOptions options, GuestLog log) {
        String name = options.name();
        WasmModule module;
        try {
            module = Parser.parse(wasm);
        } catch (ChicoryException | IllegalArgumentException e) {
            throw new ModuleLoadException("Runnable " + name + ": " + options.fileName()
                    + " is not a valid WebAssembly module: " + e.getMessage(), e);
        }
        Set<String> exports = exportNames(module);
        for (String required : List.of("run_e", "allocate")) {
            if (!exports.contains(required)) {
                throw new ModuleLoadException("Runnable " + name + " is missing required FFI function: " + required);
            }
        }
        if (!exports.contains("memory")) {
            throw new ModuleLoadException("Runnable " + name + " does not export its memory as 'memory'");
        }
        List<FunctionImport> imports = module.importSection().stream()
                .filter(i -> i.importType() == ExternalType.FUNCTION).map(FunctionImport.class::cast).toList();
        checkNonFunctionImports(name, module);
        AbiVersion abi = chooseAbi(options, imports, exports);
        List<String> envNames = imports.stream().filter(i -> i.module().equals(EnvImports.MODULE))
                .map(Import::name).toList();
        boolean usesWasi = false;
        for (FunctionImport imp : imports) {
            if (imp.module().equals(EnvImports.MODULE)) {
                EnvImports.check(name, imp.name(), module.typeSection().getType(imp.typeIndex()), abi);
            } else if (imp.module().equals(WASI_MODULE)) {
                usesWasi = true;
            } else {
                throw new ModuleLoadException("Runnable " + name + " imports " + imp.module() + "." + imp.name()
                        + ", which is not provided (only env and " + WASI_MODULE + " are)");
            }
        }
        MemoryLimits limits = clampMemory(name, module, options.limits().maxMemoryPages());
        // compiled code already in the module cache loads faster than the interpreter would serve the first jobs
        boolean cached = options.cache().filter(c -> CompilerCache.holds(c, module.digest())).isPresent();
        if (options.mode() != EngineMode.COMPILER_IN_BACKGROUND || cached) {
            Machines machines = options.mode() == EngineMode.INTERPRETER ? Machines.INTERPRETER
                    : new Machines(compile(name, module, options), true);
            return new RunnableModule(options, module, abi, machines, envNames, usesWasi, limits, exports, log);
        }
        RunnableModule loaded = new RunnableModule(options, module, abi, Machines.INTERPRETER, envNames, usesWasi,
                limits, exports, log);
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
            machines = new Machines(compile(options.name(), module, options), true);
            LOG.info("Runnable {} compiled in {} ms; new instances run the compiled code", options.name(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Runnable {} could not be compiled, it stays interpreted: {}", options.name(), e.getMessage());
        }
    }

    private static AbiVersion chooseAbi(ModuleOptions options, List<FunctionImport> imports, Set<String> exports) {
        if (exports.contains(AbiVersion.B_MARKER_EXPORT)) {
            LOG.info("Runnable {} uses Runnable ABI B (it exports {})", options.name(), AbiVersion.B_MARKER_EXPORT);
            return AbiVersion.B;
        }
        boolean needsB = imports.stream()
                .anyMatch(i -> i.module().equals(EnvImports.MODULE) && EnvImports.isOnlyB(i.name()));
        AbiVersion abi = needsB ? AbiVersion.B : options.abi();
        if (needsB && options.abi() != AbiVersion.B) {
            LOG.info("Runnable {} uses Runnable ABI B (it imports functions only ABI B provides)", options.name());
        } else {
            LOG.info("Runnable {} uses Runnable ABI {}", options.name(), abi);
        }
        return abi;
    }

    private static void checkNonFunctionImports(String name, WasmModule module) {
        module.importSection().stream().filter(i -> i.importType() != ExternalType.FUNCTION).findFirst()
                .ifPresent(i -> {
                    throw new ModuleLoadException("Runnable " + name + " imports " + i.importType()
                            .name().toLowerCase(java.util.Locale.ROOT) + " " + i.module() + "." + i.name()
                            + ", which is not provided");
                });
    }

    private static MemoryLimits clampMemory(String name, WasmModule module, int capPages) {
        MemoryLimits declared = module.memorySection().filter(s -> s.memoryCount() > 0)
                .map(s -> s.getMemory(0).limits()).orElseThrow(() ->
                        new ModuleLoadException("Runnable " + name + " defines no memory"));
        if (declared.initialPages() > capPages) {
            throw new ModuleLoadException("Runnable " + name + " needs " + declared.initialPages()
                    + " memory pages at start, more than the cap of " + capPages + " pages");
        }
        return new MemoryLimits(declared.initialPages(), Math.min(declared.maximumPages(), capPages));
    }

    private static Function<Instance, Machine> compile(String name, WasmModule module, ModuleOptions options) {
        if (options.mode() == EngineMode.INTERPRETER) {
            return InterpreterMachine::new;
        }
        try {
            if (options.cache().isPresent()) {
                return compileThrough(name, module, new CompilerCache(options.cache().get()));
            }
            return compiler(module).compile();
        } catch (ChicoryException | IllegalStateException e) {
            throw new ModuleLoadException("Runnable " + name + " could not be compiled: " + e.getMessage(), e);
        }
    }

    /** A cached entry whose code does not load is dropped and the module compiled again: the cache never fails a load. */
    private static Function<Instance, Machine> compileThrough(String name, WasmModule module, CompilerCache cache) {
        try {
            Function<Instance, Machine> factory = compiler(module).withCache(cache).compile();
            LOG.debug("Runnable {}: {}", name, cache.hit() ? "compiled code read from the module cache" : "compiled");
            return factory;
        } catch (RuntimeException | LinkageError e) {
            if (!cache.hit()) {
                throw e;
            }
            LOG.warn("Runnable {}: its entry in the module cache could not be loaded ({}); compiling it again", name,
                    e.toString());
            cache.forget(module.digest());
            return compiler(module).withCache(cache).compile();
        }
    }

    private static MachineFactoryCompiler.Builder compiler(WasmModule module) {
        return MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.WARN);
    }

    private static Set<String> exportNames(WasmModule module) {
        Set<String> names = new HashSet<>();
        var section = module.exportSection();
        for (int i = 0; i < section.exportCount(); i++) {
            names.add(section.getExport(i).name());
        }
        return Set.copyOf(names);
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
