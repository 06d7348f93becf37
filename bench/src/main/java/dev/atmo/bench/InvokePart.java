package dev.atmo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.atmo.bench.Format.bytes;
import static dev.atmo.bench.Format.num;
import static dev.atmo.bench.Format.orAll;

/** Invocation cost through the engine API, with JMH. */
final class InvokePart extends Part {
    InvokePart(Run run) {
        super(run);
    }

    @Override
    String name() {
        return "invoke";
    }

    @Override
    void run() throws IOException {
        List<String> timing = full ? List.of("-f", "3", "-wi", "5", "-w", "1s", "-i", "5", "-r", "1s")
                : List.of("-f", "1", "-wi", "2", "-w", "1s", "-i", "3", "-r", "1s");
        Map<String, List<String>> benches = new LinkedHashMap<>();
        benches.put("EchoInvocationBench", full ? List.of() : List.of("-p", "module=echo-wat"));
        benches.put("InstanceCreationBench", full ? List.of() : List.of("-p", "module=echo-wat,hello"));
        benches.put("HostCallBench", List.of());
        List<JsonNode> runs = new ArrayList<>();
        for (Map.Entry<String, List<String>> bench : benches.entrySet()) {
            Path json = out.resolve("jmh-" + bench.getKey() + ".json");
            List<String> cmd = new ArrayList<>(List.of(java, "-jar", benchJar.toString()));
            cmd.addAll(timing);
            cmd.addAll(bench.getValue());
            cmd.addAll(List.of("-rf", "json", "-rff", json.toString(), "dev.atmo.bench." + bench.getKey()));
            Procs.run(cmd, serverCpus, logs.resolve("jmh.log"), 3600);
            JSON.readTree(json.toFile()).forEach(runs::add);
            say("   " + bench.getKey() + " done");
        }
        StringBuilder s = new StringBuilder("## Invocation cost (JMH)\n\n");
        s.append(String.format(Locale.ROOT, "`java -jar bench/target/benchmarks.jar` pinned to CPU %s, %s; average time "
                + "per operation through the public engine API (`WasmRunnable.invoke`: borrow an instance, arm the "
                + "deadline, allocate, write, `run_e`, result, deallocate, give back). ± is JMH's 99.9%% error.%n%n",
                orAll(serverCpus), full ? "3 forks × 5 × 1 s after 5 × 1 s warm-up" : "1 fork × 3 × 1 s after 2 × 1 s warm-up"));
        s.append("| benchmark | module | engine | input | time |\n|---|---|---|---|---|\n");
        double fieldNs = Double.NaN;
        double baseNs = Double.NaN;
        Map<String, Double> echoSmall = new LinkedHashMap<>();
        for (JsonNode run : runs) {
            String bench = run.get("benchmark").asText().replace("dev.atmo.bench.", "");
            JsonNode params = run.path("params");
            JsonNode metric = run.get("primaryMetric");
            double score = metric.get("score").asDouble();
            double error = metric.get("scoreError").asDouble();
            String unit = metric.get("scoreUnit").asText().replace("/op", "");
            String module = params.path("module").asText("abi-a-c");
            String engine = params.path("engine").asText("").toLowerCase(Locale.ROOT);
            String size = params.has("size") ? bytes(params.get("size").asInt()) : "";
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s ± %s %s |%n", bench, module, engine, size,
                    num(score), num(Double.isNaN(error) ? 0 : error), unit));
            if (bench.startsWith("EchoInvocationBench") && engine.equals("compiler") && "16 B".equals(size)) {
                echoSmall.put(module, unit.equals("us") ? score * 1000 : score);
            }
            if (bench.endsWith("requestGetField")) {
                fieldNs = score;
            }
            if (bench.endsWith("baselineNoHostCall")) {
                baseNs = score;
            }
        }
        if (!Double.isNaN(fieldNs) && !Double.isNaN(baseNs)) {
            s.append(String.format(Locale.ROOT, "%nHost call round trip (`request_get_field` + `get_ffi_result`, "
                    + "requestGetField − baselineNoHostCall): **%.0f ns**.%n", fieldNs - baseNs));
        }
        s.append("\n");
        section(s);
        echoSmall.forEach((module, ns) -> target("Echo invocation ≤ 2 µs warm with the compiler (" + module + ", 16 B)",
                String.format(Locale.ROOT, "%.2f µs", ns / 1000), ns <= 2000));
    }
}
