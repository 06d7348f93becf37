package dev.atmo.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import static dev.atmo.bench.Format.lat;
import static dev.atmo.bench.Format.map;
import static dev.atmo.bench.Format.ms;
import static dev.atmo.bench.Format.orAll;

/** HTTP: the hello Runnable against plain Netty at each connection level, measured alternately. */
final class HttpPart extends Part {
    HttpPart(Run run) {
        super(run);
    }

    @Override
    String name() {
        return "http";
    }

    @Override
    void run() {
        int[] levels = full ? new int[] {1, 8, 32, 128, 512} : new int[] {1, 32, 512};
        int seconds = full ? 15 : 4;
        int warm = full ? 30 : 12;
        int rounds = full ? 3 : 1;
        Path hello = root.resolve("examples/hello");
        List<String> names = new ArrayList<>(List.of("atmo", "atmo --log-level warn", "atmo --quick-budget-ms 0"));
        List<List<String>> commands = new ArrayList<>(List.of(atmo(hello, List.of()),
                atmo(hello, List.of("--log-level", "warn")), atmo(hello, List.of("--quick-budget-ms", "0"))));
        for (Baseline baseline : Baseline.fromEnvironment()) {
            names.add("atmo " + baseline.name());
            commands.add(atmo(baseline.jar(), hello, baseline.options()));
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
        double maxP99Ratio = 0;
        for (int i = 0; i < levels.length; i++) {
            double ratio = a[i].rps() / p[i].rps();
            minRatio = Math.min(minRatio, ratio);
            double p99Ratio = a[i].p99() / p[i].p99();
            maxP99Ratio = Math.max(maxP99Ratio, p99Ratio);
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
        section(s);
        double[] x = Arrays.stream(levels).asDoubleStream().toArray();
        List<Charts.Series> rps = new ArrayList<>();
        List<Charts.Series> p99 = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            rps.add(new Charts.Series(names.get(k), x, map(result.wrk()[k], Wrk.Result::rps)));
            p99.add(new Charts.Series(names.get(k), x, map(result.wrk()[k], r -> r.p99() / 1000)));
        }
        Charts.line(out.resolve("http-throughput.svg"), "HTTP hello: requests/s", "connections", "req/s", true, rps);
        Charts.line(out.resolve("http-p99.svg"), "HTTP hello: p99 latency", "connections", "ms", true, p99);
        target("HTTP throughput ≥ 0.85 × plain Netty (every level)", String.format(Locale.ROOT, "lowest %.2f", minRatio),
                minRatio >= 0.85);
        target("HTTP p99 ≤ 1.3 × plain Netty (every level)", String.format(Locale.ROOT, "highest %.2f", maxP99Ratio),
                maxP99Ratio <= 1.3);
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
}
