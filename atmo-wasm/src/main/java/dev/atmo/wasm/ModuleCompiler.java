package dev.atmo.wasm;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import dev.atmo.wasm.error.ModuleLoadException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a checked module to JVM bytecode with Chicory's compiler (through the module cache when there is one),
 * or gives the interpreter in interpreter mode.
 */
final class ModuleCompiler {
    private static final Logger LOG = LoggerFactory.getLogger(RunnableModule.class);

    private ModuleCompiler() {
    }

    static Function<Instance, Machine> compile(String name, WasmModule module, ModuleOptions options) {
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
}
