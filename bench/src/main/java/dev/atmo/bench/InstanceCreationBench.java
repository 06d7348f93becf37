package dev.atmo.bench;

import dev.atmo.wasm.EngineMode;
import dev.atmo.wasm.ModuleOptions;
import dev.atmo.wasm.RunnableModule;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Creating one instance of an already compiled module: linear memory, globals, host functions bound, start
 * section and init functions run. This is what a pool pays when it grows.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InstanceCreationBench {
    @Param({"echo-wat", "echo-c", "hello"})
    public String module;

    @Param({"COMPILER"})
    public EngineMode engine;

    private RunnableModule compiled;

    @Setup(Level.Trial)
    public void setUp() {
        compiled = RunnableModule.load(Wasm.load(module), ModuleOptions.of(module).withMode(engine),
                EchoInvocationBench.quiet());
    }

    @Benchmark
    public Object create() throws Exception {
        AutoCloseable instance = compiled.instantiate();
        instance.close();
        return instance;
    }
}
