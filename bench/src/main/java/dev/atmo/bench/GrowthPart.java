package dev.atmo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.Locale;

import static dev.atmo.bench.Format.bytes;
import static dev.atmo.bench.Format.lat2;
import static dev.atmo.bench.Format.map;
import static dev.atmo.bench.Format.mapIndexed;
import static dev.atmo.bench.Format.median;
import static dev.atmo.bench.Format.orAll;

/** Growth: payload size, group width, forEach length, concurrent instances and bundle size. */
final class GrowthPart extends Part {
    GrowthPart(Run run) {
        super(run);
    }

    @Override
    String name() {
        return "growth";
    }

    @Override
    void run() throws IOException {
        int seconds = full ? 8 : 2;
        int warm = full ? 20 : 8;
        int connections = 8;
        int[] sizes = full ? new int[] {16, 256, 1024, 4096, 16384, 65536, 262144, 1048576}
                : new int[] {16, 1024, 65536, 1048576};
        int[] widths = full ? new int[] {1, 2, 4, 8, 16, 32} : new int[] {1, 4, 16, 32};
        int[] lengths = full ? new int[] {1, 10, 50, 100, 500, 1000} : new int[] {1, 10, 100, 1000};
        int[] counts = full ? new int[] {1, 10, 100, 1000} : new int[] {1, 100};
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
        s.append("| connections | req/s | p50 / p99 | instances in the pool | RSS MiB | RSS per added instance MiB |\n"
                + "|---|---|---|---|---|---|\n");
        for (int i = 0; i < concurrency.length; i++) {
            boolean grew = i > 0 && instances[i] > instances[0] && instances[0] >= 0;
            s.append(String.format(Locale.ROOT, "| %d | %.0f | %s | %s | %.0f | %s |%n", concurrency[i], conc[i].rps(),
                    lat2(conc[i]), instances[i] < 0 ? "?" : Long.toString((long) instances[i]), rss[i],
                    grew ? String.format(Locale.ROOT, "%.2f", (rss[i] - rss[0]) / (instances[i] - instances[0])) : ""));
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
            try {
                double[][] m = startups("bundle-" + counts[i], bundleHeap(atmo(many, List.of())), "/r0", reps);
                startMs[i] = median(m[0]);
                startRss[i] = median(m[1]);
            } catch (IllegalStateException e) {
                // a bundle that does not start is a finding for the table, not the end of the part
                startMs[i] = Double.NaN;
                startRss[i] = Double.NaN;
                say("   " + e.getMessage());
            }
            say(String.format(Locale.ROOT, "   %d Runnables: first response after %.0f ms, %.0f MiB", counts[i], startMs[i],
                    startRss[i]));
        }
        s.append(String.format(Locale.ROOT, "### Bundle size (N copies of the hello Runnable of examples/hello, one route each; "
                + "median of %d start%s, not pinned; heap `%s` so that 1,000 Runnables fit, the rest of the options as "
                + "above)%n%n", reps, reps == 1 ? "" : "s", BUNDLE_HEAP));
        s.append("| Runnables | start to first response ms | RSS after it MiB | start per added Runnable ms "
                + "| RSS per added Runnable MiB |\n|---|---|---|---|---|\n");
        for (int i = 0; i < counts.length; i++) {
            int added = counts[i] - counts[0];
            if (Double.isNaN(startMs[i])) {
                s.append(String.format(Locale.ROOT, "| %d | did not start (see its log) | | | |%n", counts[i]));
                continue;
            }
            s.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %s | %s |%n", counts[i], startMs[i], startRss[i],
                    i == 0 ? "" : String.format(Locale.ROOT, "%.2f", (startMs[i] - startMs[0]) / added),
                    i == 0 ? "" : String.format(Locale.ROOT, "%.3f", (startRss[i] - startRss[0]) / added)));
        }
        int[] started = IntStream.range(0, counts.length).filter(i -> !Double.isNaN(startMs[i]))
                .toArray();
        double[] xn = Arrays.stream(started).mapToDouble(i -> counts[i]).toArray();
        Charts.line(out.resolve("growth-bundle.svg"), "Bundle size: start-up (ms) and RSS (MiB)", "Runnables", "ms / MiB",
                false, List.of(new Charts.Series("start ms", xn, Arrays.stream(started).mapToDouble(i -> startMs[i])
                                .toArray()),
                        new Charts.Series("RSS MiB", xn, Arrays.stream(started).mapToDouble(i -> startRss[i]).toArray())));
        s.append("\n![bundle](growth-bundle.svg)\n\n");
        section(s);
    }

    /** The heap of the bundle-size rows: each loaded Runnable keeps its module, compiled code and an instance. */
    static final String BUNDLE_HEAP = "-Xmx8g";

    private static List<String> bundleHeap(List<String> command) {
        return command.stream().map(a -> a.startsWith("-Xmx") ? BUNDLE_HEAP : a).toList();
    }
}
