package dev.atmo.bench;

import dev.atmo.wasm.EngineMode;
import dev.atmo.wasm.ModuleOptions;
import dev.atmo.wasm.Outcome;
import dev.atmo.wasm.WasmRunnable;
import dev.atmo.wasm.host.Capabilities;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Times the compute Runnable ({@code bench/compute/sha256.wasm}) on our engine the way {@code node-run.mjs}
 * times it on V8: warm-up runs, then the median of the measured runs, one invocation each. Checks the digest
 * against the JDK's SHA-256 of the same bytes. Prints one JSON line.
 *
 * <p>usage: {@code ComputeRunner <MiB> [warmup] [runs] [COMPILER|INTERPRETER]}
 */
public final class ComputeRunner {
    private ComputeRunner() {
    }

    public static void main(String[] args) throws Exception {
        int mib = Integer.parseInt(args[0]);
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        EngineMode mode = args.length > 3 ? EngineMode.valueOf(args[3]) : EngineMode.COMPILER;
        byte[] input = Integer.toString(mib).getBytes(StandardCharsets.US_ASCII);
        long loadStart = System.nanoTime();
        try (WasmRunnable runnable = WasmRunnable.load(Wasm.load("sha256"),
                ModuleOptions.of("sha256").withMode(mode), EchoInvocationBench.quiet())) {
            double loadMs = (System.nanoTime() - loadStart) / 1e6;
            Capabilities capabilities = Capabilities.builder().log(EchoInvocationBench.quiet()).build();
            String result = "";
            for (int i = 0; i < warmup; i++) {
                result = run(runnable, input, capabilities);
            }
            double[] times = new double[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                result = run(runnable, input, capabilities);
                times[i] = (System.nanoTime() - start) / 1e6;
            }
            java.util.Arrays.sort(times);
            String expected = expected(mib);
            if (!expected.equals(result)) {
                throw new IllegalStateException("digest " + result + " differs from the JDK's " + expected);
            }
            System.out.printf(Locale.ROOT,
                    "{\"engine\":\"atmo %s\",\"medianMs\":%.3f,\"minMs\":%.3f,\"runs\":%d,\"loadMs\":%.1f,\"result\":\"%s\"}%n",
                    mode.name().toLowerCase(Locale.ROOT), times[runs / 2], times[0], runs, loadMs, result);
        }
    }

    private static String run(WasmRunnable runnable, byte[] input, Capabilities capabilities) {
        Outcome outcome = runnable.invoke(input, Optional.empty(), capabilities);
        if (!(outcome instanceof Outcome.Success success)) {
            throw new IllegalStateException("sha256 failed: " + outcome);
        }
        return new String(success.output(), StandardCharsets.US_ASCII);
    }

    /** The JDK's SHA-256 of the bytes the Runnable generates (xorshift32, four little-endian bytes a step). */
    static String expected(int mib) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] chunk = new byte[65536];
        int x = 0x2545F491;
        for (long done = 0; done < (long) mib << 20; done += chunk.length) {
            for (int i = 0; i < chunk.length; i += 4) {
                x ^= x << 13;
                x ^= x >>> 17;
                x ^= x << 5;
                chunk[i] = (byte) x;
                chunk[i + 1] = (byte) (x >>> 8);
                chunk[i + 2] = (byte) (x >>> 16);
                chunk[i + 3] = (byte) (x >>> 24);
            }
            digest.update(chunk);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
