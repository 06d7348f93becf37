package dev.atmo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The benchmark suite: runs each part against its reference in the same run and writes
 * {@code bench/results/<timestamp>/results.md} with SVG charts, then copies the tables into
 * {@code docs/PERFORMANCE.md} between its results markers.
 *
 * <p>usage: {@code Suite [quick|full] [http|invoke|compute|streams|growth|startup|all]...}, run from the
 * repository root (or with {@code -Dbench.root=...}); {@code bench/run.sh} builds the jars first.
 * {@code Suite publish <results dir>} copies an earlier run into docs/PERFORMANCE.md.
 */
public final class Suite {
    static final String BEGIN = "<!-- results:begin -->";
    static final String END = "<!-- results:end -->";
    private static final List<String> PARTS = List.of("http", "invoke", "compute", "streams", "growth", "startup");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean full;
    private final Path root;
    private final Path out;
    private final Path logs;
    private final String java;
    private final Path atmoJar;
    private final Path benchJar;
    private final List<String> jvmOptions;
    private final String serverCpus;
    private final String loadCpus;
    private final int loadThreads;
    private final String natsUrl;
    private final StringBuilder sections = new StringBuilder();
    private final List<String[]> targets = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private Suite(boolean full, Path root, Path out) {
        this.full = full;
        this.root = root;
        this.out = out;
        this.logs = out.resolve("logs");
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.atmoJar = snapshot(root.resolve("atmo-cli/target/atmo.jar"));
        this.benchJar = snapshot(root.resolve("bench/target/benchmarks.jar"));

        String opts = System.getenv().getOrDefault("BENCH_JAVA_OPTS", "-Xms512m -Xmx2g");
        this.jvmOptions = opts.isBlank() ? List.of() : List.of(opts.trim().split("\\s+"));
        int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus >= 2) {
            this.serverCpus = "0";
            this.loadCpus = cpus == 2 ? "1" : "1-" + (cpus - 1);
            this.loadThreads = cpus - 1;
        } else {
            this.serverCpus = "";
            this.loadCpus = "";
            this.loadThreads = 1;
        }
        this.natsUrl = System.getenv().getOrDefault("NATS_URL", "nats://127.0.0.1:4222");
    }

    /**
     * A private copy of a jar for the whole run, so that a build replacing the jar meanwhile does not pull classes
     * out from under the servers; removed when the suite exits.
     */
    private static Path snapshot(Path jar) {
        if (!Files.exists(jar)) {
            return jar;
        }
        try {
            Path dir = Files.createTempDirectory("atmo-bench-jars");
            Path copy = dir.resolve(jar.getFileName());
            Files.copy(jar, copy);
            copy.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + jar, e);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("publish")) {
            Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
            Path dir = Path.of(args[1]).toAbsolutePath().normalize();
            new Suite(false, root, dir).publish(Files.readString(dir.resolve("results.md")));
            return;
        }
        boolean full = false;
        List<String> parts = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "quick" -> full = false;
                case "full" -> full = true;
                case "all" -> parts.addAll(PARTS);
                default -> {
                    if (!PARTS.contains(arg)) {
                        System.err.println("usage: Suite [quick|full] [" + String.join("|", PARTS) + "|all]...");
                        System.exit(2);
                    }
                    parts.add(arg);
                }
            }
        }
        if (parts.isEmpty()) {
            parts.addAll(PARTS);
        }
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path out = root.resolve("bench/results").resolve(stamp);
        Files.createDirectories(out.resolve("logs"));
        Suite suite = new Suite(full, root, out);
        suite.run(parts);
    }

    private void run(List<String> parts) throws IOException {
        long start = System.nanoTime();
        for (String part : parts) {
            say("== " + part);
            long partStart = System.nanoTime();
            try {
                switch (part) {
                    case "http" -> http();
                    case "invoke" -> invoke();
                    case "compute" -> compute();
                    case "streams" -> streams();
                    case "growth" -> growth();
                    case "startup" -> startup();
                    default -> throw new IllegalArgumentException(part);
                }
            } catch (RuntimeException e) {
                e.printStackTrace();
                sections.append("## ").append(part).append("\n\nThis part failed: `")
                        .append(String.valueOf(e.getMessage()).replace('`', '\'')).append("`\n\n");
            }
            say(String.format(Locale.ROOT, "   %s took %.0f s", part, (System.nanoTime() - partStart) / 1e9));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String md = report(parts, seconds);
        Files.writeString(out.resolve("results.md"), md);
        say("wrote " + out.resolve("results.md"));
        publish(md);
    }

    // ------------------------------------------------------------------------------------------------ http

    private void http() {
        int[] levels = full ? new int[] {1, 8, 32, 128, 512} : new int[] {1, 32, 512};
        int seconds = full ? 15 : 4;
        int warm = full ? 30 : 12;
        int rounds = full ? 3 : 1;
        Path hello = root.resolve("examples/hello");
        List<String> names = new ArrayList<>(List.of("atmo", "atmo --log-level warn", "atmo --quick-budget-ms 0"));
        List<List<String>> commands = new ArrayList<>(List.of(atmo(hello, List.of()),
                atmo(hello, List.of("--log-level", "warn")), atmo(hello, List.of("--quick-budget-ms", "0"))));
        String baseline = System.getenv("BENCH_BASELINE_JAR");
        if (baseline != null && !baseline.isBlank()) {
            for (String entry : baseline.split(",")) {
                int eq = entry.indexOf('=');
                names.add(eq < 0 ? "atmo baseline" : "atmo " + entry.substring(0, eq));
                commands.add(atmo(Path.of(entry.substring(eq + 1)), hello, List.of()));
            }
        }
        names.add("plain");
        commands.add(plain());
        int n = names.size();
        Http result = httpInterleaved(commands, names, levels, seconds, warm, rounds);
        Wrk.Result[] a = result.wrk()[0];
        Wrk.Result[] p = result.wrk()[n - 1];
        StringBuilder s = new StringBuilder("## HTTP: hello Runnable vs plain Netty\n\n");
        s.append(String.format(Locale.ROOT, "`atmo start examples/hello` against `PlainNettyHello`, all `%s` with `%s`; "
                + "wrk `POST /hello` with a 16-byte body, %d s per level after a %d s warm-up of each server; the servers "
                + "run side by side and are measured alternately at each level (%d round%s, the median round by req/s "
                + "is shown); servers pinned to CPU %s, wrk to CPU %s. Latencies in ms.%n%n", java,
                String.join(" ", jvmOptions), seconds, warm, rounds, rounds == 1 ? "" : "s", orAll(serverCpus),
                orAll(loadCpus)));
        s.append("| connections | atmo req/s | plain req/s | **ratio** | atmo p50 / p99 / p99.9 | plain p50 / p99 / p99.9 "
                + "| p99 ratio | errors (atmo/plain) |\n|---|---|---|---|---|---|---|---|\n");
        double minRatio = Double.MAX_VALUE;
        double p99At32 = Double.NaN;
        for (int i = 0; i < levels.length; i++) {
            double ratio = a[i].rps() / p[i].rps();
            minRatio = Math.min(minRatio, ratio);
            double p99Ratio = a[i].p99() / p[i].p99();
            if (levels[i] == 32) {
                p99At32 = p99Ratio;
            }
            s.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | **%.2f** | %s | %s | %.2f | %d / %d |%n",
                    levels[i], a[i].rps(), p[i].rps(), ratio, lat(a[i]), lat(p[i]), p99Ratio, a[i].errors(),
                    p[i].errors()));
        }
        s.append("\nEvery server, req/s (ratio to plain) and p99 ms:\n\n| connections |");
        names.forEach(name -> s.append(' ').append(name).append(" |"));
        s.append("\n|---|").append("---|".repeat(n)).append('\n');
        for (int i = 0; i < levels.length; i++) {
            s.append("| ").append(levels[i]).append(" |");
            for (int k = 0; k < n; k++) {
                Wrk.Result r = result.wrk()[k][i];
                s.append(String.format(Locale.ROOT, " %.0f (%.2f), %s |", r.rps(), r.rps() / p[i].rps(), ms(r.p99())));
            }
            s.append('\n');
        }
        s.append("\nCPU time the server process used per request while wrk ran (user / system µs, from "
                + "/proc/<pid>/stat) and voluntary context switches per request (all its threads):\n\n| connections |");
        names.forEach(name -> s.append(' ').append(name).append(" |"));
        s.append("\n|---|").append("---|".repeat(n)).append('\n');
        for (int i = 0; i < levels.length; i++) {
            s.append("| ").append(levels[i]).append(" |");
            for (int k = 0; k < n; k++) {
                double[] c = result.cpu()[k][i];
                s.append(String.format(Locale.ROOT, " %.1f / %.1f µs, %.2f cs |", c[0], c[1], c[2]));
            }
            s.append('\n');
        }
        s.append("\n![HTTP throughput](http-throughput.svg) ![HTTP p99](http-p99.svg)\n\n");
        sections.append(s);
        double[] x = Arrays.stream(levels).asDoubleStream().toArray();
        List<Charts.Series> rps = new ArrayList<>();
        List<Charts.Series> p99 = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            rps.add(new Charts.Series(names.get(k), x, map(result.wrk()[k], Wrk.Result::rps)));
            p99.add(new Charts.Series(names.get(k), x, map(result.wrk()[k], r -> r.p99() / 1000)));
        }
        Charts.line(out.resolve("http-throughput.svg"), "HTTP hello: requests/s", "connections", "req/s", true, rps);
        Charts.line(out.resolve("http-p99.svg"), "HTTP hello: p99 latency", "connections", "ms", true, p99);
        target("HTTP throughput ≥ 0.5 × plain Netty (every level)", String.format(Locale.ROOT, "lowest %.2f", minRatio),
                minRatio >= 0.5);
        if (!Double.isNaN(p99At32)) {
            target("HTTP p99 at 32 connections ≤ 2 × plain Netty", String.format(Locale.ROOT, "%.2f", p99At32),
                    p99At32 <= 2.0);
        }
    }

    /** wrk results [server][level] and CPU per request [server][level] = {user µs, system µs, context switches}. */
    private record Http(Wrk.Result[][] wrk, double[][][] cpu) {
    }

    /**
     * Starts every server, warms each, then measures them alternately at each level so that load from anything
     * else on the machine falls on all of them alike; per level and server, the median round by req/s.
     */
    private Http httpInterleaved(List<List<String>> commands, List<String> names, int[] levels, int seconds,
                                 int warm, int rounds) {
        int n = commands.size();
        int[] ports = new int[n];
        List<Process> processes = new ArrayList<>();
        try {
            for (int k = 0; k < n; k++) {
                ports[k] = Procs.freePort();
                processes.add(startServer("http-" + names.get(k).replaceAll("[^a-z]+", "-"),
                        withPort(commands.get(k), ports[k]), ports[k], "/hello"));
            }
            Wrk wrk = wrk("http");
            for (int k = 0; k < n; k++) {
                wrk.run(ports[k], "/hello", 32, warm, 16, null);
            }
            Wrk.Result[][] results = new Wrk.Result[n][levels.length];
            double[][][] cpu = new double[n][levels.length][];
            for (int i = 0; i < levels.length; i++) {
                List<List<Wrk.Result>> byServer = new ArrayList<>();
                List<List<double[]>> cpuByServer = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    byServer.add(new ArrayList<>());
                    cpuByServer.add(new ArrayList<>());
                }
                for (int r = 0; r < rounds; r++) {
                    for (int j = 0; j < n; j++) {
                        int k = (r % 2 == 0) ? j : n - 1 - j;
                        long[] before = Procs.cpu(processes.get(k).pid());
                        Wrk.Result result = wrk.run(ports[k], "/hello", levels[i], seconds, 16, null);
                        long[] after = Procs.cpu(processes.get(k).pid());
                        byServer.get(k).add(result);
                        double req = Math.max(1, result.requests());
                        cpuByServer.get(k).add(new double[] {(after[0] - before[0]) * 1e4 / req,
                                (after[1] - before[1]) * 1e4 / req, (after[2] - before[2]) / req, result.rps()});
                        say(String.format(Locale.ROOT, "   %s c=%d %.0f req/s p99 %.2f ms", names.get(k), levels[i],
                                result.rps(), result.p99() / 1000));
                    }
                }
                for (int k = 0; k < n; k++) {
                    Wrk.Result median = medianByRate(byServer.get(k));
                    results[k][i] = median;
                    cpu[k][i] = cpuByServer.get(k).stream().filter(c -> c[3] == median.rps()).findFirst().orElseThrow();
                }
            }
            return new Http(results, cpu);
        } finally {
            processes.forEach(Procs::stop);
        }
    }

    private static Wrk.Result medianByRate(List<Wrk.Result> results) {
        List<Wrk.Result> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingDouble(Wrk.Result::rps));
        return sorted.get(sorted.size() / 2);
    }

    // ------------------------------------------------------------------------------------------------ invoke

    private void invoke() throws IOException {
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
        sections.append(s);
        echoSmall.forEach((module, ns) -> target("Echo invocation ≤ 2 µs warm with the compiler (" + module + ", 16 B)",
                String.format(Locale.ROOT, "%.2f µs", ns / 1000), ns <= 2000));
    }

    // ------------------------------------------------------------------------------------------------ compute

    private void compute() throws IOException {
        int mib = full ? 32 : 8;
        int warmup = full ? 10 : 5;
        int runs = full ? 15 : 5;
        Path wasm = root.resolve("bench/compute/sha256.wasm");
        String nodeOut = Procs.run(List.of("node", root.resolve("bench/compute/node-run.mjs").toString(),
                wasm.toString(), Integer.toString(mib), Integer.toString(warmup), Integer.toString(runs)),
                serverCpus, logs.resolve("compute.log"), 600);
        String atmoOut = Procs.run(javaCommand("dev.atmo.bench.ComputeRunner", Integer.toString(mib),
                Integer.toString(warmup), Integer.toString(runs)), serverCpus, logs.resolve("compute.log"), 600);
        JsonNode node = JSON.readTree(lastLine(nodeOut));
        JsonNode atmo = JSON.readTree(lastLine(atmoOut));
        if (!node.get("result").asText().equals(atmo.get("result").asText())) {
            throw new IllegalStateException("digests differ: node " + node + " atmo " + atmo);
        }
        double ratio = atmo.get("medianMs").asDouble() / node.get("medianMs").asDouble();
        StringBuilder s = new StringBuilder("## Compute: SHA-256 Runnable, our engine vs Node's V8\n\n");
        s.append(String.format(Locale.ROOT, "`bench/compute/sha256.wasm` (C, clang -O2) hashing %d MiB of generated data per "
                + "invocation; %d warm-up runs, median of %d; both pinned to CPU %s. Digests agree with each other and "
                + "with the JDK's SHA-256.%n%n", mib, warmup, runs, orAll(serverCpus)));
        s.append("| engine | median ms | min ms | MiB/s | ratio to Node |\n|---|---|---|---|---|\n");
        for (JsonNode r : List.of(atmo, node)) {
            double median = r.get("medianMs").asDouble();
            s.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.0f | %s |%n", r.get("engine").asText(), median,
                    r.get("minMs").asDouble(), mib / (median / 1000), r == node ? "1" : String.format(Locale.ROOT,
                            "**%.2f**", ratio)));
        }
        s.append(String.format(Locale.ROOT, "%nModule load and compile on our engine: %.0f ms.%n%n",
                atmo.get("loadMs").asDouble()));
        sections.append(s);
        target("Compute Runnable ≤ 3 × Node's V8", String.format(Locale.ROOT, "%.2f ×", ratio), ratio <= 3.0);
    }

    // ------------------------------------------------------------------------------------------------ streams

    private void streams() throws IOException {
        StringBuilder s = new StringBuilder("## Streams: NATS stream handler vs bare jnats subscriber\n\n");
        String missing = streamsMissing();
        if (missing != null) {
            s.append("Not available: ").append(missing).append(".\n\n");
            sections.append(s);
            targets.add(new String[] {"NATS stream handler ≥ 0.5 × bare jnats echo", "not available", "–"});
            return;
        }
        int messages = full ? 300_000 : 50_000;
        int window = 64;
        int samples = full ? 10_000 : 2_000;
        String subject = "bench.atmo." + Long.toHexString(System.nanoTime());
        Path bundle = Files.createTempDirectory("atmo-bench-streams");
        runnable(bundle, "hello", root.resolve("examples/hello/hello/hello.wasm"));
        Files.writeString(bundle.resolve("Directive.yaml"), """
                identifier: com.atmo.bench.streams
                appVersion: v0.1.0
                atmoVersion: v0.3.0
                connections:
                  nats:
                    serverAddress: %s
                handlers:
                  - type: request
                    method: POST
                    resource: /hello
                    steps:
                      - fn: hello
                  - type: stream
                    source: nats
                    resource: %s
                    steps:
                      - fn: hello
                """.formatted(natsUrl, subject));
        String bareSubject = "bench.bare." + Long.toHexString(System.nanoTime());
        int rounds = full ? 3 : 1;
        List<JsonNode> atmoRuns = new ArrayList<>();
        List<JsonNode> bareRuns = new ArrayList<>();
        int port = Procs.freePort();
        Process p = startServer("streams-atmo", withPort(atmo(bundle, List.of()), port), port, "/hello");
        Process bare = null;
        try {
            bare = Procs.start(javaCommand("dev.atmo.bench.BareNatsEcho", natsUrl, bareSubject, "bench-bare"),
                    serverCpus, logs.resolve("streams-bare.log"));
            for (int r = 0; r < rounds; r++) {
                atmoRuns.add(natsLoad(subject, messages, window, samples));
                bareRuns.add(natsLoad(bareSubject, messages, window, samples));
            }
        } finally {
            Procs.stop(p);
            Procs.stop(bare);
        }
        JsonNode atmo = medianBy(atmoRuns, "msgsPerSec");
        JsonNode plain = medianBy(bareRuns, "msgsPerSec");
        double ratio = atmo.get("msgsPerSec").asDouble() / plain.get("msgsPerSec").asDouble();
        s.append(String.format(Locale.ROOT, "NATS at %s (not pinned); the service pinned to CPU %s, the load generator "
                + "(`NatsLoad`, jnats) to CPU %s. Rate: %d messages of 16 bytes with up to %d in flight, each answered on "
                + "its reply subject, after %d s of warm-up at that rate; latency: %d request-reply round trips one at a "
                + "time; both "
                + "services subscribed side by side and measured alternately, %d round%s, median round by rate. "
                + "Latencies in µs.%n%n", natsUrl, orAll(serverCpus), orAll(loadCpus), messages, window,
                full ? 30 : 10, samples, rounds, rounds == 1 ? "" : "s"));
        s.append("| service | messages/s | ratio | p50 | p99 | p99.9 | error replies |\n|---|---|---|---|---|---|---|\n");
        s.append(natsRow("atmo stream handler (hello Runnable)", atmo, ratio));
        s.append(natsRow("BareNatsEcho", plain, 1));
        s.append("\n");
        sections.append(s);
        target("NATS stream handler ≥ 0.5 × bare jnats echo", String.format(Locale.ROOT, "%.2f", ratio), ratio >= 0.5);
    }

    private static JsonNode medianBy(List<JsonNode> runs, String field) {
        List<JsonNode> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(r -> r.get(field).asDouble()));
        return sorted.get(sorted.size() / 2);
    }

    private String streamsMissing() {
        try {
            Class.forName("dev.atmo.stream.NatsStreams");
        } catch (ClassNotFoundException e) {
            return "this build has no NATS stream handlers (dev.atmo.stream.NatsStreams)";
        }
        URI uri = URI.create(natsUrl);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 4222 : uri.getPort()), 1000);
        } catch (IOException e) {
            return "no NATS server answers at " + natsUrl + " (start nats-server or set NATS_URL)";
        }
        return null;
    }

    private JsonNode natsLoad(String subject, int messages, int window, int samples) throws IOException {
        String text = Procs.run(javaCommand("dev.atmo.bench.NatsLoad", natsUrl, subject, Integer.toString(messages),
                Integer.toString(window), "16", Integer.toString(samples), Integer.toString(full ? 30 : 10)), loadCpus,
                logs.resolve("streams-load.log"), 600);
        JsonNode result = JSON.readTree(lastLine(text));
        say("   " + subject + " " + result);
        return result;
    }

    private static String natsRow(String name, JsonNode r, double ratio) {
        return String.format(Locale.ROOT, "| %s | %.0f | %s | %.0f | %.0f | %.0f | %d |%n", name,
                r.get("msgsPerSec").asDouble(), ratio == 1 ? "1" : String.format(Locale.ROOT, "**%.2f**", ratio),
                r.get("p50us").asDouble(), r.get("p99us").asDouble(), r.get("p999us").asDouble(),
                r.path("errors").asLong());
    }

    // ------------------------------------------------------------------------------------------------ growth

    private void growth() throws IOException {
        int seconds = full ? 8 : 2;
        int warm = full ? 20 : 8;
        int connections = 8;
        int[] sizes = full ? new int[] {16, 256, 1024, 4096, 16384, 65536, 262144, 1048576}
                : new int[] {16, 1024, 65536, 1048576};
        int[] widths = full ? new int[] {1, 2, 4, 8, 16, 32} : new int[] {1, 4, 16, 32};
        int[] lengths = full ? new int[] {1, 10, 50, 100, 500, 1000} : new int[] {1, 10, 100, 1000};
        int[] counts = full ? new int[] {1, 10, 50, 100, 200} : new int[] {1, 100};
        int[] concurrency = full ? new int[] {1, 4, 16, 64, 256} : new int[] {1, 16, 64};
        Path bundle = Files.createTempDirectory("atmo-bench-growth");
        runnable(bundle, "echo", root.resolve("testdata/runnables/wasm/echo-c.wasm"));
        runnable(bundle, "each", root.resolve("bench/runnables/each-c.wasm"));
        StringBuilder directive = new StringBuilder("""
                identifier: com.atmo.bench.growth
                appVersion: v0.1.0
                atmoVersion: v0.3.0
                handlers:
                  - type: request
                    method: POST
                    resource: /echo
                    steps:
                      - fn: echo
                  - type: request
                    method: POST
                    resource: /foreach
                    steps:
                      - fn: echo
                        as: items
                      - forEach:
                          in: items
                          fn: each
                          as: out
                    response: out
                """);
        for (int w : widths) {
            directive.append("  - type: request\n    method: POST\n    resource: /group/").append(w)
                    .append("\n    steps:\n      - group:\n");
            for (int i = 0; i < w; i++) {
                directive.append("          - fn: echo\n            as: m").append(i).append('\n');
            }
            directive.append("    response: m0\n");
        }
        Files.writeString(bundle.resolve("Directive.yaml"), directive);
        StringBuilder s = new StringBuilder("## Growth\n\n");
        s.append(String.format(Locale.ROOT, "Generated bundles (`echo` = testdata echo-c, `each` = bench/runnables/each-c, "
                + "both C with malloc/free so nothing leaks between jobs). wrk with %d connections, %d s per point "
                + "after a %d s warm-up, server on CPU %s, wrk on CPU %s. Latencies in ms.%n%n", connections, seconds,
                warm, orAll(serverCpus), orAll(loadCpus)));

        // payload size, against the plain server with the same body
        Wrk.Result[] atmoSizes = new Wrk.Result[sizes.length];
        Wrk.Result[] plainSizes = new Wrk.Result[sizes.length];
        Wrk.Result[] groups = new Wrk.Result[widths.length];
        Wrk.Result[] forEach = new Wrk.Result[lengths.length];
        int port = Procs.freePort();
        int plainPort = Procs.freePort();
        Process p = startServer("growth-atmo", withPort(atmo(bundle, List.of()), port), port, "/echo");
        Process plain = null;
        try {
            plain = startServer("growth-plain", withPort(plain(), plainPort), plainPort, "/hello");
            Wrk wrk = wrk("growth");
            wrk.run(port, "/echo", connections, warm, 16, null);
            wrk.run(port, "/group/" + widths[widths.length - 1], connections, warm / 4, 16, null);
            wrk.run(plainPort, "/hello", connections, warm, 16, null);
            for (int i = 0; i < sizes.length; i++) {
                atmoSizes[i] = wrk.run(port, "/echo", connections, seconds, sizes[i], null);
                plainSizes[i] = wrk.run(plainPort, "/hello", connections, seconds, sizes[i], null);
                say(String.format(Locale.ROOT, "   payload %s: %.0f req/s (plain %.0f)", bytes(sizes[i]),
                        atmoSizes[i].rps(), plainSizes[i].rps()));
            }
            for (int i = 0; i < widths.length; i++) {
                check(port, "/group/" + widths[i], "xxxxxxxxxxxxxxxx", "xxxxxxxxxxxxxxxx");
                groups[i] = wrk.run(port, "/group/" + widths[i], connections, seconds, 16, null);
                say(String.format(Locale.ROOT, "   group %d: %.0f req/s", widths[i], groups[i].rps()));
            }
            for (int i = 0; i < lengths.length; i++) {
                Path body = out.resolve("logs/foreach-" + lengths[i] + ".json");
                StringBuilder array = new StringBuilder("[");
                for (int k = 0; k < lengths[i]; k++) {
                    array.append(k == 0 ? "" : ",").append("{\"name\":\"n").append(k).append("\"}");
                }
                Files.writeString(body, array.append("]"));
                check(port, "/foreach", array.toString(), array.toString());
                if (i == 0) {
                    wrk.run(port, "/foreach", connections, warm / 4, 0, body);
                }
                forEach[i] = wrk.run(port, "/foreach", connections, seconds, 0, body);
                say(String.format(Locale.ROOT, "   forEach %d: %.0f req/s", lengths[i], forEach[i].rps()));
            }
        } finally {
            Procs.stop(p);
            Procs.stop(plain);
        }
        s.append("### Payload size (`POST /echo`, echo-c; reference: PlainNettyHello with the same body)\n\n");
        s.append("| body | atmo req/s | plain req/s | ratio | atmo MiB/s in | atmo p50 / p99 | plain p50 / p99 |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < sizes.length; i++) {
            s.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.2f | %.1f | %s | %s |%n", bytes(sizes[i]),
                    atmoSizes[i].rps(), plainSizes[i].rps(), atmoSizes[i].rps() / plainSizes[i].rps(),
                    atmoSizes[i].rps() * sizes[i] / 1048576.0, lat2(atmoSizes[i]), lat2(plainSizes[i])));
        }
        double[] xs = Arrays.stream(sizes).asDoubleStream().toArray();
        Charts.line(out.resolve("growth-payload.svg"), "Requests/s by body size", "body bytes", "req/s", true,
                List.of(new Charts.Series("atmo echo", xs, map(atmoSizes, Wrk.Result::rps)),
                        new Charts.Series("plain Netty", xs, map(plainSizes, Wrk.Result::rps))));
        Charts.line(out.resolve("growth-payload-p99.svg"), "p99 latency by body size", "body bytes", "ms", true,
                List.of(new Charts.Series("atmo echo", xs, map(atmoSizes, r -> r.p99() / 1000)),
                        new Charts.Series("plain Netty", xs, map(plainSizes, r -> r.p99() / 1000))));
        s.append("\n![payload](growth-payload.svg) ![payload p99](growth-payload-p99.svg)\n\n");

        s.append("### Group width (`group` of N `echo` members, 16-byte body; default instance bound)\n\n");
        s.append("| members | req/s | Runnable calls/s | p50 / p99 | per request vs 1 member |\n|---|---|---|---|---|\n");
        for (int i = 0; i < widths.length; i++) {
            s.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %s | %.1f × |%n", widths[i], groups[i].rps(),
                    groups[i].rps() * widths[i], lat2(groups[i]), groups[0].rps() / groups[i].rps()));
        }
        double[] xw = Arrays.stream(widths).asDoubleStream().toArray();
        Charts.line(out.resolve("growth-group.svg"), "Group width: requests/s and Runnable calls/s", "members", "per s",
                true, List.of(new Charts.Series("requests/s", xw, map(groups, Wrk.Result::rps)),
                        new Charts.Series("calls/s", xw, mapIndexed(groups, (r, i) -> r.rps() * widths[i]))));
        s.append("\n![group](growth-group.svg)\n\n");

        s.append("### forEach length (`echo` then `forEach` over the body's array with `each`)\n\n");
        s.append("| elements | req/s | elements/s | p50 / p99 |\n|---|---|---|---|\n");
        for (int i = 0; i < lengths.length; i++) {
            s.append(String.format(Locale.ROOT, "| %d | %.1f | %.0f | %s |%n", lengths[i], forEach[i].rps(),
                    forEach[i].rps() * lengths[i], lat2(forEach[i])));
        }
        double[] xl = Arrays.stream(lengths).asDoubleStream().toArray();
        Charts.line(out.resolve("growth-foreach.svg"), "forEach: elements/s", "elements", "elements/s", true,
                List.of(new Charts.Series("elements/s", xl, mapIndexed(forEach, (r, i) -> r.rps() * lengths[i]))));
        Charts.line(out.resolve("growth-foreach-p99.svg"), "forEach: p99 latency", "elements", "ms", true,
                List.of(new Charts.Series("p99", xl, map(forEach, r -> r.p99() / 1000))));
        s.append("\n![forEach](growth-foreach.svg) ![forEach p99](growth-foreach-p99.svg)\n\n");

        // concurrent instances of one Runnable
        Wrk.Result[] conc = new Wrk.Result[concurrency.length];
        double[] instances = new double[concurrency.length];
        double[] rss = new double[concurrency.length];
        int cport = Procs.freePort();
        Process cp = startServer("growth-instances", withPort(atmo(bundle, List.of("--instances", "256")), cport), cport,
                "/echo");
        try {
            Wrk wrk = wrk("growth");
            wrk.run(cport, "/echo", 16, warm, 16, null);
            for (int i = 0; i < concurrency.length; i++) {
                conc[i] = wrk.run(cport, "/echo", concurrency[i], seconds, 16, null);
                instances[i] = poolSize(cport, "echo");
                rss[i] = Procs.rssMiB(cp.pid());
                say(String.format(Locale.ROOT, "   %d connections: %.0f req/s, %.0f instances, %.0f MiB", concurrency[i],
                        conc[i].rps(), instances[i], rss[i]));
            }
        } finally {
            Procs.stop(cp);
        }
        s.append("### Concurrent instances of one Runnable (`--instances 256`, `POST /echo`, 16-byte body)\n\n");
        s.append("| connections | req/s | p50 / p99 | instances in the pool | RSS MiB |\n|---|---|---|---|---|\n");
        for (int i = 0; i < concurrency.length; i++) {
            s.append(String.format(Locale.ROOT, "| %d | %.0f | %s | %s | %.0f |%n", concurrency[i], conc[i].rps(),
                    lat2(conc[i]), instances[i] < 0 ? "?" : Long.toString((long) instances[i]), rss[i]));
        }
        double[] xc = Arrays.stream(concurrency).asDoubleStream().toArray();
        Charts.line(out.resolve("growth-instances.svg"), "Concurrent requests on one Runnable: req/s", "connections",
                "req/s", true, List.of(new Charts.Series("atmo echo", xc, map(conc, Wrk.Result::rps))));
        s.append("\n![instances](growth-instances.svg)\n\n");

        // bundle size: start-up and memory
        int reps = full ? 3 : 1;
        double[] startMs = new double[counts.length];
        double[] startRss = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            Path many = Files.createTempDirectory("atmo-bench-bundle" + counts[i]);
            StringBuilder d = new StringBuilder("identifier: com.atmo.bench.many\nappVersion: v0.1.0\natmoVersion: v0.3.0\n"
                    + "handlers:\n");
            for (int k = 0; k < counts[i]; k++) {
                runnable(many, "r" + k, root.resolve("examples/hello/hello/hello.wasm"));
                d.append("  - type: request\n    method: POST\n    resource: /r").append(k)
                        .append("\n    steps:\n      - fn: r").append(k).append('\n');
            }
            Files.writeString(many.resolve("Directive.yaml"), d);
            double[][] m = startups("bundle-" + counts[i], atmo(many, List.of()), "/r0", reps);
            startMs[i] = median(m[0]);
            startRss[i] = median(m[1]);
            say(String.format(Locale.ROOT, "   %d Runnables: first response after %.0f ms, %.0f MiB", counts[i], startMs[i],
                    startRss[i]));
        }
        s.append(String.format(Locale.ROOT, "### Bundle size (N copies of the 44 KB hello Runnable, one route each; "
                + "median of %d start%s, not pinned)%n%n", reps, reps == 1 ? "" : "s"));
        s.append("| Runnables | start to first response ms | RSS after it MiB | RSS per Runnable MiB |\n|---|---|---|---|\n");
        for (int i = 0; i < counts.length; i++) {
            s.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %s |%n", counts[i], startMs[i], startRss[i],
                    i == 0 ? "" : String.format(Locale.ROOT, "%.2f", (startRss[i] - startRss[0]) / (counts[i] - counts[0]))));
        }
        double[] xn = Arrays.stream(counts).asDoubleStream().toArray();
        Charts.line(out.resolve("growth-bundle.svg"), "Bundle size: start-up (ms) and RSS (MiB)", "Runnables", "ms / MiB",
                false, List.of(new Charts.Series("start ms", xn, startMs), new Charts.Series("RSS MiB", xn, startRss)));
        s.append("\n![bundle](growth-bundle.svg)\n\n");
        sections.append(s);
    }

    private double poolSize(int port, String runnable) {
        String metrics = Procs.get(port, "/meta/metrics");
        for (String line : metrics.split("\n")) {
            if (line.startsWith("atmo_pool_instances{") && line.contains("::" + runnable + "@")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    private void check(int port, String path, String body, String expected) {
        StringBuilder answer = new StringBuilder();
        int status = Procs.post(port, path, body.getBytes(StandardCharsets.UTF_8), answer);
        if (status != 200 || !answer.toString().equals(expected)) {
            throw new IllegalStateException("POST " + path + " answered " + status + ": " + answer);
        }
    }

    // ------------------------------------------------------------------------------------------------ startup

    private void startup() throws IOException {
        int reps = full ? 10 : 3;
        Path hello = root.resolve("examples/hello");
        Path work = Files.createTempDirectory("atmo-bench-startup");
        Path modules = work.resolve("modules");
        // the start that fills the cache waits for its modules, so that the cache is written before it is stopped;
        // a start that finds its modules in the cache loads them at once
        List<String> filling = List.of("--compile-wait", "--module-cache", modules.toString());
        List<String> cached = List.of("--module-cache", modules.toString());
        List<String> wait = List.of("--compile-wait");
        double[][] atmo = startups("startup-atmo", atmo(hello, List.of()), "/hello", reps);
        double[][] plain = startups("startup-plain", plain(), "/hello", reps);
        double[][] atmoWait = startups("startup-atmo-wait", atmo(hello, wait), "/hello", reps);
        startups("startup-atmo-cache-filling", atmo(hello, filling), "/hello", 1);
        double[][] atmoCached = startups("startup-atmo-cache", atmo(hello, cached), "/hello", reps);
        Path big = root.resolve("bench/startup/big-rs/big.wasm");
        Path bundle = work.resolve("big");
        runnable(bundle, "big", big);
        Files.writeString(bundle.resolve("Directive.yaml"), """
                identifier: com.atmo.bench.big
                appVersion: v0.1.0
                atmoVersion: v0.3.0
                handlers:
                  - type: request
                    method: POST
                    resource: /hello
                    steps:
                      - fn: big
                """);
        int bigReps = full ? 5 : 1;
        double[][] bigCompiler = startups("startup-big", atmo(bundle, List.of()), "/hello", bigReps);
        double[][] bigWait = startups("startup-big-wait", atmo(bundle, wait), "/hello", bigReps);
        double[][] bigInterp = startups("startup-big-interpreter", atmo(bundle, List.of("--interpreter")), "/hello",
                bigReps);
        startups("startup-big-cache-filling", atmo(bundle, filling), "/hello", 1);
        double[][] bigCached = startups("startup-big-cache", atmo(bundle, cached), "/hello", bigReps);
        // AppCDS archives (JDK 21+), each made by a training run of its own server
        Path atmoArchive = cdsArchive("startup-atmo-training", atmo(hello, List.of()), "/hello", work.resolve("atmo.jsa"));
        Path plainArchive = cdsArchive("startup-plain-training", plain(), "/hello", work.resolve("plain.jsa"));
        double[][] atmoCds = startups("startup-atmo-cds", withArchive(atmo(hello, List.of()), atmoArchive), "/hello", reps);
        double[][] plainCds = startups("startup-plain-cds", withArchive(plain(), plainArchive), "/hello", reps);
        double[][] bothCds = startups("startup-atmo-cache-cds", withArchive(atmo(hello, cached), atmoArchive), "/hello",
                reps);
        double base = median(plain[0]);
        double ratio = median(atmo[0]) / base;
        double fastest = median(bothCds[0]) / median(plainCds[0]);
        StringBuilder s = new StringBuilder("## Start-up: process start to first served request\n\n");
        s.append(String.format(Locale.ROOT, "Time from spawning the JVM (`%s`) to the first `200` answer to `POST /hello`, "
                + "polled every millisecond on fresh connections; RSS read from /proc right after. Not pinned. Median of "
                + "%d starts (%d for the large module). Ratios are to PlainNettyHello with the same flags; in the last "
                + "three rows, to PlainNettyHello with its own AppCDS archive. By default modules are compiled in the "
                + "background and interpreted until then; `--compile-wait` serves only once they are compiled.%n%n",
                String.join(" ", jvmOptions), reps,
                bigReps));
        s.append("| server | median ms | min ms | max ms | ratio | RSS MiB |\n|---|---|---|---|---|---|\n");
        s.append(startRow("atmo, examples/hello", atmo, ratio));
        s.append(startRow("PlainNettyHello", plain, 1));
        s.append(startRow("atmo `--compile-wait`, examples/hello", atmoWait, median(atmoWait[0]) / base));
        s.append(startRow("atmo with `--module-cache` (warm cache), examples/hello", atmoCached,
                median(atmoCached[0]) / base));
        String bigName = String.format(Locale.ROOT, "atmo, %.1f MiB Rust Runnable", Files.size(big) / 1048576.0);
        s.append(startRow(bigName, bigCompiler, median(bigCompiler[0]) / base));
        s.append(startRow("atmo, same module with `--compile-wait`", bigWait, median(bigWait[0]) / base));
        s.append(startRow("atmo, same module with `--interpreter`", bigInterp, median(bigInterp[0]) / base));
        s.append(startRow("atmo, same module with `--module-cache` (warm cache)", bigCached,
                median(bigCached[0]) / base));
        s.append(startRow("atmo with an AppCDS archive, examples/hello", atmoCds,
                median(atmoCds[0]) / median(plainCds[0])));
        s.append(startRow("PlainNettyHello with an AppCDS archive", plainCds, 1));
        s.append(startRow("atmo with `--module-cache` (warm) and an AppCDS archive, examples/hello",
                bothCds, fastest));
        s.append("\nWithout `--module-cache` every start compiles every module again; with it (warm), a start loads the "
                + "compiled classes at once instead, even without `--compile-wait`. The AppCDS archives come from a training run of each server "
                + "(`-XX:ArchiveClassesAtExit`, as `scripts/atmo-archive.sh` makes them).\n\n");
        sections.append(s);
        target("Start to first request ≤ 2 × plain Netty (hello)", String.format(Locale.ROOT, "%.2f", ratio), ratio <= 2.0);
        double cds = median(atmoCds[0]) / median(plainCds[0]);
        target("Same, both with an AppCDS archive (hello)", String.format(Locale.ROOT, "%.2f", cds), cds <= 2.0);
        target("Same, both with an AppCDS archive, atmo with a warm `--module-cache` (hello)",
                String.format(Locale.ROOT, "%.2f", fastest), fastest <= 2.0);
        deleteTree(work);
    }

    /**
     * Makes an AppCDS archive from a training run of {@code command}: started with {@code -XX:ArchiveClassesAtExit},
     * asked {@code path} a few times, stopped; the JVM writes the archive as it exits.
     */
    private Path cdsArchive(String name, List<String> command, String path, Path archive) {
        int port = Procs.freePort();
        Process p = Procs.start(withPort(withArchiveOption(command, "-XX:ArchiveClassesAtExit=" + archive), port), "",
                logs.resolve(name + ".log"));
        try {
            if (Procs.awaitFirstResponse(p, System.nanoTime(), port, path, 180) < 0) {
                throw new IllegalStateException(name + " never answered " + path + " (see " + logs.resolve(name + ".log") + ")");
            }
            for (int i = 0; i < 20; i++) {
                Procs.post(port, path, "world".getBytes(StandardCharsets.US_ASCII), null);
            }
        } finally {
            Procs.stop(p);
        }
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException(name + " wrote no archive (see " + logs.resolve(name + ".log") + ")");
        }
        return archive;
    }

    private static List<String> withArchive(List<String> command, Path archive) {
        return withArchiveOption(command, "-XX:SharedArchiveFile=" + archive);
    }

    /** The command with one more JVM option, right after the java executable. */
    private static List<String> withArchiveOption(List<String> command, String option) {
        List<String> cmd = new ArrayList<>(command);
        cmd.add(1, option);
        return cmd;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String startRow(String name, double[][] m, double ratio) {
        double[] sorted = m[0].clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %s | %.0f |%n", name, median(m[0]), sorted[0],
                sorted[sorted.length - 1], ratio == 1 ? "1" : String.format(Locale.ROOT, "**%.2f**", ratio), median(m[1]));
    }

    /** Starts the server {@code reps} times; [0] = ms to the first 200 answer, [1] = RSS MiB right after it. */
    private double[][] startups(String name, List<String> command, String path, int reps) {
        double[] ms = new double[reps];
        double[] rss = new double[reps];
        for (int i = 0; i < reps; i++) {
            int port = Procs.freePort();
            long start = System.nanoTime();
            Process p = Procs.start(withPort(command, port), "", logs.resolve(name + ".log"));
            try {
                ms[i] = Procs.awaitFirstResponse(p, start, port, path, 180);
                rss[i] = Procs.rssMiB(p.pid());
                if (ms[i] < 0) {
                    throw new IllegalStateException(name + " never answered " + path + " (see " + logs.resolve(name + ".log") + ")");
                }
            } finally {
                Procs.stop(p);
            }
            say(String.format(Locale.ROOT, "   %s: %.0f ms, %.0f MiB", name, ms[i], rss[i]));
        }
        return new double[][] {ms, rss};
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private List<String> atmo(Path bundle, List<String> extra) {
        return atmo(atmoJar, bundle, extra);
    }

    private List<String> atmo(Path jar, Path bundle, List<String> extra) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString(), "start", "--host", "127.0.0.1", "--port", "{port}",
                "--shutdown-grace", "1"));
        cmd.addAll(extra);
        cmd.add(bundle.toString());
        return cmd;
    }

    private List<String> plain() {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", benchJar.toString(), "dev.atmo.bench.PlainNettyHello", "{port}"));
        return cmd;
    }

    private List<String> javaCommand(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", benchJar.toString(), mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static List<String> withPort(List<String> command, int port) {
        return command.stream().map(a -> a.equals("{port}") ? Integer.toString(port) : a).toList();
    }

    /**
     * Starts a server for a load test, its output discarded (it would log every request); when it does not come up,
     * starts it once more with its output kept, to report why.
     */
    private Process startServer(String name, List<String> command, int port, String path) {
        long start = System.nanoTime();
        Process p = Procs.start(command, serverCpus, null);
        double ms = Procs.awaitFirstResponse(p, start, port, path, 120);
        if (ms < 0) {
            Procs.stop(p);
            Path log = logs.resolve(name + ".log");
            Process again = Procs.start(command, serverCpus, log);
            Procs.awaitFirstResponse(again, System.nanoTime(), port, path, 60);
            Procs.stop(again);
            throw new IllegalStateException(name + " did not serve " + path + " (see " + log + ")");
        }
        say(String.format(Locale.ROOT, "   %s serving on %d after %.0f ms", name, port, ms));
        return p;
    }

    private Wrk wrk(String name) {
        return new Wrk(root.resolve("bench/wrk/post.lua"), loadCpus, loadThreads, logs.resolve(name + "-wrk.log"));
    }

    private static void runnable(Path bundle, String name, Path wasm) throws IOException {
        Path dir = Files.createDirectories(bundle.resolve(name));
        Files.copy(wasm, dir.resolve(name + ".wasm"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve(".runnable.yaml"), "name: " + name + "\nnamespace: default\nlang: "
                + (wasm.toString().endsWith("-c.wasm") || wasm.toString().contains("compute") ? "c" : "rust")
                + "\nversion: \"\"\napiVersion: \"0.12.0\"\n");
    }

    private void target(String name, String measured, boolean met) {
        targets.add(new String[] {name, measured, met ? "met" : "**not met**"});
    }

    private String report(List<String> parts, double seconds) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append(String.format(Locale.ROOT, "Mode **%s**, parts: %s; the run took %.0f s. Every ratio compares two servers "
                + "or engines measured in this same run on this machine.%n%n", full ? "full" : "quick",
                String.join(", ", parts), seconds));
        md.append("## Machine\n\n").append(machine()).append('\n');
        if (!targets.isEmpty()) {
            md.append("## Targets\n\n| target | measured | |\n|---|---|---|\n");
            for (String[] t : targets) {
                md.append("| ").append(t[0]).append(" | ").append(t[1]).append(" | ").append(t[2]).append(" |\n");
            }
            md.append('\n');
        }
        notes.forEach(n -> md.append("> ").append(n).append("\n\n"));
        md.append(sections);
        return md.toString();
    }

    private String machine() {
        StringBuilder m = new StringBuilder();
        String model = "unknown";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException e) {
            model = "unknown (" + e.getMessage() + ")";
        }
        String os = "unknown";
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    os = line.substring(12).replace("\"", "");
                }
            }
        } catch (IOException e) {
            os = System.getProperty("os.name");
        }
        String mem = "?";
        try {
            String line = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
            mem = String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1048576.0);
        } catch (IOException | RuntimeException e) {
            mem = "?";
        }
        String load = "?";
        try {
            load = Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            load = "?";
        }
        String commit = "?";
        try {
            commit = Procs.run(List.of("git", "-C", root.toString(), "describe", "--always", "--dirty"), "",
                    logs.resolve("git.log"), 30).trim();
        } catch (RuntimeException e) {
            commit = "?";
        }
        m.append("| | |\n|---|---|\n");
        m.append("| CPU | ").append(model).append(" × ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores |\n");
        m.append("| memory | ").append(mem).append(" |\n");
        m.append("| OS | ").append(os).append(", Linux ").append(System.getProperty("os.version")).append(" |\n");
        m.append("| JDK | ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(" |\n");
        m.append("| server JVM options | `").append(String.join(" ", jvmOptions)).append("` |\n");
        m.append("| pinning | ").append(serverCpus.isEmpty() ? "none (one core)" : "servers on CPU " + serverCpus
                + ", load generators on CPU " + loadCpus).append(" |\n");
        m.append("| load average at the end | ").append(load).append(" |\n");
        m.append("| source | `").append(commit).append("` |\n");
        m.append("| results | `").append(root.relativize(out)).append("` |\n");
        return m.toString();
    }

    /** Copies the charts to docs/performance/ and the results between the markers of docs/PERFORMANCE.md. */
    private void publish(String md) throws IOException {
        Path doc = root.resolve("docs/PERFORMANCE.md");
        if (!Files.exists(doc)) {
            say("no docs/PERFORMANCE.md to update");
            return;
        }
        String text = Files.readString(doc);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            say("docs/PERFORMANCE.md has no " + BEGIN + " / " + END + " markers; left as it is");
            return;
        }
        Path charts = Files.createDirectories(root.resolve("docs/performance"));
        try (var files = Files.list(out)) {
            for (Path svg : files.filter(f -> f.toString().endsWith(".svg")).toList()) {
                Files.copy(svg, charts.resolve(svg.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        String body = md.replaceFirst("^# Benchmark results\\n\\n", "")
                .replaceAll("!\\[([^\\]]*)\\]\\(([a-z0-9-]+\\.svg)\\)", "![$1](performance/$2)")
                .replace("\n### ", "\n#### ").replace("\n## ", "\n### ");
        String updated = text.substring(0, begin + BEGIN.length()) + "\n" + body + "\n" + text.substring(end);
        Files.writeString(doc, updated);
        say("updated docs/PERFORMANCE.md and docs/performance/*.svg");
    }

    // ------------------------------------------------------------------------------------------------ formatting

    private static String lat(Wrk.Result r) {
        return String.format(Locale.ROOT, "%s / %s / %s", ms(r.p50()), ms(r.p99()), ms(r.p999()));
    }

    private static String lat2(Wrk.Result r) {
        return String.format(Locale.ROOT, "%s / %s", ms(r.p50()), ms(r.p99()));
    }

    private static String ms(double micros) {
        double v = micros / 1000;
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String num(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    static String bytes(long n) {
        if (n >= 1048576 && n % 1048576 == 0) {
            return n / 1048576 + " MiB";
        }
        if (n >= 1024 && n % 1024 == 0) {
            return n / 1024 + " KiB";
        }
        return n + " B";
    }

    private static String orAll(String cpus) {
        return cpus.isEmpty() ? "(all)" : cpus;
    }

    private static double[] map(Wrk.Result[] results, Function<Wrk.Result, Double> f) {
        return Arrays.stream(results).mapToDouble(f::apply).toArray();
    }

    private interface Indexed {
        double apply(Wrk.Result r, int i);
    }

    private static double[] mapIndexed(Wrk.Result[] results, Indexed f) {
        double[] out = new double[results.length];
        for (int i = 0; i < results.length; i++) {
            out[i] = f.apply(results[i], i);
        }
        return out;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

}
