package dev.atmo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.atmo.bench.Format.lastLine;
import static dev.atmo.bench.Format.orAll;

/** Compute: the SHA-256 Runnable on our engine against Node's V8. */
final class ComputePart extends Part {
    ComputePart(Run run) {
        super(run);
    }

    @Override
    String name() {
        return "compute";
    }

    @Override
    void run() throws IOException {
        int mib = full ? 32 : 8;
        int warmup = full ? 10 : 5;
        int runs = full ? 15 : 5;
        Path wasm = root.resolve("bench/compute/sha256.wasm");
        String nodeOut = Procs.run(List.of("node", root.resolve("bench/compute/node-run.mjs").toString(),
                wasm.toString(), Integer.toString(mib), Integer.toString(warmup), Integer.toString(runs)),
                serverCpus, logs.resolve("compute.log"), 600);
        String atmoOut = Procs.run(javaCommand("dev.atmo.bench.ComputeRunner", Integer.toString(mib),
                Integer.toString(warmup), Integer.toString(runs)), serverCpus, logs.resolve("compute.log"), 600);
        List<String> wasmtimeCommand = new ArrayList<>(javaCommand("dev.atmo.bench.WasmtimeComputeRunner",
                Integer.toString(mib), Integer.toString(warmup), Integer.toString(runs)));
        wasmtimeCommand.add(1, "--enable-native-access=ALL-UNNAMED");
        String wasmtimeOut = Procs.run(wasmtimeCommand, serverCpus, logs.resolve("compute.log"), 600);
        JsonNode node = JSON.readTree(lastLine(nodeOut));
        JsonNode atmo = JSON.readTree(lastLine(atmoOut));
        JsonNode wasmtime = JSON.readTree(lastLine(wasmtimeOut));
        // earlier builds of our engine (BENCH_BASELINE_BENCH_JAR: their benchmarks.jar), for before/after
        List<JsonNode> earlier = new ArrayList<>();
        for (Baseline baseline : Baseline.parse(System.getenv("BENCH_BASELINE_BENCH_JAR"))) {
            String out = Procs.run(List.of(java, "-cp", baseline.jar().toString(), "dev.atmo.bench.ComputeRunner",
                    Integer.toString(mib), Integer.toString(warmup), Integer.toString(runs)), serverCpus,
                    logs.resolve("compute.log"), 600);
            ObjectNode result = (ObjectNode) JSON.readTree(lastLine(out));
            result.put("engine", result.get("engine").asText() + ", " + baseline.name());
            earlier.add(result);
        }
        List<JsonNode> checked = new ArrayList<>(List.of(atmo, wasmtime));
        checked.addAll(earlier);
        for (JsonNode other : checked) {
            if (!node.get("result").asText().equals(other.get("result").asText())) {
                throw new IllegalStateException("digests differ: node " + node + ", " + other);
            }
        }
        double nodeMs = node.get("medianMs").asDouble();
        double ratio = atmo.get("medianMs").asDouble() / nodeMs;
        StringBuilder s = new StringBuilder("## Compute: SHA-256 Runnable, our engine vs Node's V8 and wasmtime\n\n");
        s.append(String.format(Locale.ROOT, "`bench/compute/sha256.wasm` (C, clang -O2) hashing %d MiB of generated data per "
                + "invocation; %d warm-up runs, median of %d; each engine pinned to CPU %s. The native reference is "
                + "wasmtime through its Java binding (`io.github.kawamuray.wasmtime:wasmtime-java`, the native library "
                + "inside the jar), running the same `.wasm`. Digests agree with each other and with the JDK's "
                + "SHA-256.%n%n", mib, warmup, runs, orAll(serverCpus)));
        s.append("| engine | median ms | min ms | MiB/s | ratio to Node | module load ms |\n|---|---|---|---|---|---|\n");
        List<JsonNode> rows = new ArrayList<>(List.of(atmo));
        rows.addAll(earlier);
        rows.addAll(List.of(node, wasmtime));
        for (JsonNode r : rows) {
            double median = r.get("medianMs").asDouble();
            s.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.0f | %s | %s |%n", r.get("engine").asText(), median,
                    r.get("minMs").asDouble(), mib / (median / 1000), r == node ? "1"
                            : String.format(Locale.ROOT, r == atmo ? "**%.2f**" : "%.2f", median / nodeMs),
                    r.has("loadMs") ? String.format(Locale.ROOT, "%.0f", r.get("loadMs").asDouble()) : "–"));
        }
        s.append('\n');
        section(s);
        target("Compute Runnable ≤ 2 × Node's V8", String.format(Locale.ROOT, "%.2f ×", ratio), ratio <= 2.0);
    }
}
