package dev.atmo.bench;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Linker;
import io.github.kawamuray.wasmtime.Memory;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.WasmFunctions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import static io.github.kawamuray.wasmtime.WasmValType.I32;

/**
 * Times the compute Runnable on wasmtime, a native engine, through its Java binding, the same way
 * {@link ComputeRunner} times it on ours: the invocation protocol (allocate, write the input, {@code run_e},
 * deallocate) with {@code return_result} as the only import, warm-up runs, then the median of the measured runs.
 * Checks the digest against the JDK's. Prints one JSON line.
 *
 * <p>usage: {@code WasmtimeComputeRunner <MiB> [warmup] [runs]}
 */
public final class WasmtimeComputeRunner {
    private WasmtimeComputeRunner() {
    }

    public static void main(String[] args) throws Exception {
        int mib = Integer.parseInt(args[0]);
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        byte[] input = Integer.toString(mib).getBytes(StandardCharsets.US_ASCII);
        String[] result = {""};
        Memory[] memory = new Memory[1];
        long loadStart = System.nanoTime();
        try (Store<Void> store = Store.withoutData();
             Engine engine = store.engine();
             Module module = Module.fromBinary(engine, Wasm.load("sha256"));
             Linker linker = new Linker(engine);
             Func returnResult = WasmFunctions.wrap(store, I32, I32, I32, (Integer ptr, Integer len, Integer ident) -> {
                 ByteBuffer buffer = memory[0].buffer(store);
                 byte[] bytes = new byte[len];
                 buffer.get(ptr, bytes);
                 result[0] = new String(bytes, StandardCharsets.UTF_8);
             })) {
            linker.define(store, "env", "return_result", Extern.fromFunc(returnResult));
            linker.module(store, "", module);
            memory[0] = linker.get(store, "", "memory").orElseThrow().memory();
            call0(linker, store, "_initialize");
            WasmFunctions.Function1<Integer, Integer> allocate = WasmFunctions.func(store,
                    linker.get(store, "", "allocate").orElseThrow().func(), I32, I32);
            WasmFunctions.Consumer3<Integer, Integer, Integer> run = WasmFunctions.consumer(store,
                    linker.get(store, "", "run_e").orElseThrow().func(), I32, I32, I32);
            WasmFunctions.Consumer2<Integer, Integer> deallocate = WasmFunctions.consumer(store,
                    linker.get(store, "", "deallocate").orElseThrow().func(), I32, I32);
            double loadMs = (System.nanoTime() - loadStart) / 1e6;
            Runnable once = () -> {
                int ptr = allocate.call(input.length);
                memory[0].buffer(store).put(ptr, input);
                run.accept(ptr, input.length, 1);
                deallocate.accept(ptr, input.length);
            };
            for (int i = 0; i < warmup; i++) {
                once.run();
            }
            double[] times = new double[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                once.run();
                times[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(times);
            String expected = ComputeRunner.expected(mib);
            if (!expected.equals(result[0])) {
                throw new IllegalStateException("digest " + result[0] + " differs from the JDK's " + expected);
            }
            System.out.printf(Locale.ROOT,
                    "{\"engine\":\"wasmtime (wasmtime-java)\",\"medianMs\":%.3f,\"minMs\":%.3f,\"runs\":%d,\"loadMs\":%.1f,"
                            + "\"result\":\"%s\"}%n", times[runs / 2], times[0], runs, loadMs, result[0]);
        }
    }

    private static void call0(Linker linker, Store<Void> store, String name) {
        linker.get(store, "", name).ifPresent(f -> WasmFunctions.consumer(store, f.func()).accept());
    }
}
