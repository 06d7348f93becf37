package dev.atmo.wasm;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.atmo.wasm.abi.EnvImports;
import dev.atmo.wasm.abi.Invocation;
import dev.atmo.wasm.abi.InvocationSlot;
import dev.atmo.wasm.error.ModuleLoadException;
import dev.atmo.wasm.error.WasmException;
import dev.atmo.wasm.host.LogLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One live instance of a {@link RunnableModule}: linear memory, globals and the host functions bound to it.
 * Runs one invocation at a time; after a trap or timeout it is discarded, never reused.
 */
final class RunnableInstance implements AutoCloseable {
    private final RunnableModule module;
    private final Instance instance;
    private final InvocationSlot slot;
    private final Optional<WasiPreview1> wasi;
    private final ExportFunction allocate;
    private final ExportFunction runE;
    private final Optional<ExportFunction> deallocate;
    private final boolean compiled;
    private int lastPages;
    private long runs;

    private RunnableInstance(RunnableModule module, Instance instance, InvocationSlot slot,
                             Optional<WasiPreview1> wasi, boolean compiled) {
        this.module = module;
        this.compiled = compiled;
        this.instance = instance;
        this.slot = slot;
        this.wasi = wasi;
        this.allocate = instance.export("allocate");
        this.runE = instance.export("run_e");
        this.deallocate = module.exports("deallocate") ? Optional.of(instance.export("deallocate")) : Optional.empty();
        this.lastPages = instance.memory().pages();
    }

    /**
     * Instantiates and initialises: the start section, then {@code _start} (a WASI exit with code 0 counts as
     * success) or, in a reactor, {@code _initialize}, then {@code init}, each when present.
     */
    static RunnableInstance create(RunnableModule module) {
        InvocationSlot slot = new InvocationSlot();
        List<HostFunction> functions = new ArrayList<>();
        for (String name : module.envImports()) {
            functions.add(EnvImports.bind(name, slot));
        }
        Optional<WasiPreview1> wasi = Optional.empty();
        if (module.usesWasi()) {
            WasiOptions options = WasiOptions.builder()
                    .withArguments(List.of(module.options().fileName()))
                    .withStdout(new GuestOutputStream(module.log(), LogLevel.INFO, module.name()))
                    .withStderr(new GuestOutputStream(module.log(), LogLevel.WARN, module.name()))
                    .build();
            WasiPreview1 preview1 = WasiPreview1.builder().withOptions(options).build();
            functions.addAll(EmptyEnvironment.replace(preview1.toHostFunctions()));
            wasi = Optional.of(preview1);
        }
        RunnableModule.Machines machines = module.machines();
        Instance instance;
        try {
            instance = Instance.builder(module.module())
                    .withImportValues(ImportValues.builder().withFunctions(List.copyOf(functions)).build())
                    .withMachineFactory(machines.factory())
                    .withMemoryLimits(module.memoryLimits())
                    // one byte[] with VarHandle access: a load or store is one bounds-checked array access
                    .withMemoryFactory(FlatMemory::forLimits)
                    // build() runs the start section itself; _start is left to initialise()
                    .withStart(false)
                    .build();
            initialise(module, instance);
        } catch (ChicoryException | WasmException e) {
            wasi.ifPresent(WasiPreview1::close);
            throw new ModuleLoadException("Runnable " + module.name() + " failed to initialise: " + e.getMessage(), e);
        }
        return new RunnableInstance(module, instance, slot, wasi, machines.compiled());
    }

    private static void initialise(RunnableModule module, Instance instance) {
        if (module.exports("_start")) {
            try {
                instance.export("_start").apply();
            } catch (WasiExitException e) {
                if (e.exitCode() != 0) {
                    throw new ModuleLoadException("Runnable " + module.name() + " exited with code "
                            + e.exitCode() + " during _start");
                }
            }
        } else if (module.exports("_initialize")) {
            instance.export("_initialize").apply();
        }
        if (module.exports("init")) {
            instance.export("init").apply();
        }
    }

    /**
     * Runs the invocation protocol: allocate, copy the input, {@code run_e}, deallocate.
     * Chicory failures propagate to the caller, which decides whether the instance survives.
     */
    void run(Invocation invocation, byte[] input) {
        runs++;
        slot.begin(invocation);
        try {
            int pointer = (int) allocate.apply(input.length)[0];
            instance.memory().write(pointer, input);
            runE.apply(pointer, input.length, invocation.ident());
            if (deallocate.isPresent()) {
                deallocate.get().apply(pointer, input.length);
            }
        } finally {
            slot.end();
        }
    }

    RunnableModule module() {
        return module;
    }

    /** Whether this instance runs code compiled after it was made ({@link EngineMode#COMPILER_IN_BACKGROUND}). */
    boolean outdated() {
        return !compiled && module.machines().compiled();
    }

    /**
     * Whether the last run, not the instance's first, grew linear memory past three quarters of the way from its
     * initial size to its cap. Memory never shrinks, so an instance whose guest leaks (as Runnables built with the
     * Rust SDK do with their input) would otherwise reach the cap and fail a request; it is retired before that
     * instead. A first run that needs that much is no sign of a leak, and an instance that stays large without
     * growing further is kept.
     */
    boolean grewPastHighWater() {
        int pages = instance.memory().pages();
        boolean grew = pages > lastPages && runs > 1;
        lastPages = pages;
        MemoryLimits limits = module.memoryLimits();
        int highWater = limits.initialPages() + (limits.maximumPages() - limits.initialPages()) * 3 / 4;
        return grew && pages > highWater;
    }

    @Override
    public void close() {
        wasi.ifPresent(WasiPreview1::close);
    }
}
