package dev.atmo.bench;

import dev.atmo.wasm.EngineMode;
import dev.atmo.wasm.ModuleOptions;
import dev.atmo.wasm.Outcome;
import dev.atmo.wasm.WasmRunnable;
import dev.atmo.wasm.host.Capabilities;
import dev.atmo.wasm.host.GuestLog;
import java.util.Arrays;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * One echo invocation through the public engine API, as the server runs it: borrow an instance, arm the
 * deadline, allocate, write the input, {@code run_e}, take the result, deallocate, give the instance back.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EchoInvocationBench {
    @Param({"echo-wat", "echo-c"})
    public String module;

    @Param({"COMPILER", "INTERPRETER"})
    public EngineMode engine;

    @Param({"16", "65536"})
    public int size;

    private WasmRunnable runnable;
    private Capabilities capabilities;
    private byte[] input;

    @Setup(Level.Trial)
    public void setUp() {
        runnable = WasmRunnable.load(Wasm.load(module), ModuleOptions.of(module).withMode(engine), quiet());
        capabilities = Capabilities.builder().log(quiet()).build();
        input = new byte[size];
        Arrays.fill(input, (byte) 'x');
        byte[] out = ((Outcome.Success) runnable.invoke(input, Optional.empty(), capabilities)).output();
        if (!Arrays.equals(out, input)) {
            throw new IllegalStateException(module + " did not echo its input");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runnable.close();
    }

    @Benchmark
    public Outcome invoke() {
        return runnable.invoke(input, Optional.empty(), capabilities);
    }

    static GuestLog quiet() {
        return (level, runnable, requestId, ident, message) -> {
        };
    }
}
