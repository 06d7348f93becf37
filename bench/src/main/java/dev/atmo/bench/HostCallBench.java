package dev.atmo.bench;

import dev.atmo.wasm.EngineMode;
import dev.atmo.wasm.ModuleOptions;
import dev.atmo.wasm.Outcome;
import dev.atmo.wasm.WasmRunnable;
import dev.atmo.wasm.host.Capabilities;
import dev.atmo.wasm.host.GuestRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
 * A host call round trip: the C ABI exerciser runs {@code field 0 method} (one {@code request_get_field} plus
 * the {@code get_ffi_result} that fetches its slot) versus {@code echo POST} (the same command parsing and
 * result, no host call). The difference between the two is the cost of the round trip.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HostCallBench {
    @Param({"COMPILER"})
    public EngineMode engine;

    private WasmRunnable runnable;
    private Capabilities capabilities;
    private GuestRequest request;
    private final byte[] field = "field 0 method".getBytes(StandardCharsets.UTF_8);
    private final byte[] echo = "echo POST".getBytes(StandardCharsets.UTF_8);

    @Setup(Level.Trial)
    public void setUp() {
        runnable = WasmRunnable.load(Wasm.load("abi-a-c"), ModuleOptions.of("abi-a-c").withMode(engine),
                EchoInvocationBench.quiet());
        capabilities = Capabilities.builder().log(EchoInvocationBench.quiet()).build();
        request = GuestRequest.builder().method("POST").url("/hello").id("bench")
                .headers(Map.of("Content-Type", "text/plain")).build();
        check(field, "rc=4 ffi=0 data=POST");
        check(echo, "POST");
    }

    private void check(byte[] input, String expected) {
        Outcome outcome = runnable.invoke(input, Optional.of(request), capabilities);
        String got = outcome instanceof Outcome.Success s ? new String(s.output(), StandardCharsets.UTF_8)
                : outcome.toString();
        if (!got.equals(expected)) {
            throw new IllegalStateException("expected '" + expected + "', got '" + got + "'");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runnable.close();
    }

    @Benchmark
    public Outcome requestGetField() {
        return runnable.invoke(field, Optional.of(request), capabilities);
    }

    @Benchmark
    public Outcome baselineNoHostCall() {
        return runnable.invoke(echo, Optional.of(request), capabilities);
    }
}
