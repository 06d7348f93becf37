package dev.atmo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import static dev.atmo.bench.Format.median;

/** Start-up: process start to the first served request, with and without caches and archives. */
final class StartupPart extends Part {
    StartupPart(Run run) {
        super(run);
    }

    @Override
    String name() {
        return "startup";
    }

    @Override
    void run() throws IOException {
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
        // the launcher's default: -XX:+AutoCreateSharedArchive, the archive made as the first start exits
        List<String> launcher = withArchiveOption(withArchiveOption(atmo(hello, List.of()),
                "-XX:SharedArchiveFile=" + work.resolve("launcher.jsa")), "-XX:+AutoCreateSharedArchive");
        startups("startup-launcher-first", launcher, "/hello", 1);
        double[][] atmoLauncher = startups("startup-launcher", launcher, "/hello", reps);
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
        s.append(startRow("atmo through `./atmo` (its default: the archive its first start made), examples/hello",
                atmoLauncher, median(atmoLauncher[0]) / base));
        s.append(startRow("atmo with an AppCDS archive, examples/hello", atmoCds,
                median(atmoCds[0]) / median(plainCds[0])));
        s.append(startRow("PlainNettyHello with an AppCDS archive", plainCds, 1));
        s.append(startRow("atmo with `--module-cache` (warm) and an AppCDS archive, examples/hello",
                bothCds, fastest));
        s.append("\nWithout `--module-cache` every start compiles every module again; with it (warm), a start loads the "
                + "compiled classes at once instead, even without `--compile-wait`. The AppCDS archives come from a training run of each server "
                + "(`-XX:ArchiveClassesAtExit`, as `scripts/atmo-archive.sh` makes them).\n\n");
        section(s);
        double launcherRatio = median(atmoLauncher[0]) / base;
        target("Start to first request through `./atmo` with its defaults ≤ 1.5 × plain Netty (hello)",
                String.format(Locale.ROOT, "%.2f", launcherRatio), launcherRatio <= 1.5);
        target("Start to first request with `java -jar` and no options ≤ 1.5 × plain Netty (hello)",
                String.format(Locale.ROOT, "%.2f", ratio), ratio <= 1.5);
        double cds = median(atmoCds[0]) / median(plainCds[0]);
        target("Same, both with an AppCDS archive (hello) ≤ 1.5 ×", String.format(Locale.ROOT, "%.2f", cds), cds <= 1.5);
        target("Same, both with an AppCDS archive, atmo with a warm `--module-cache` (hello) ≤ 1.5 ×",
                String.format(Locale.ROOT, "%.2f", fastest), fastest <= 1.5);
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


    private static String startRow(String name, double[][] m, double ratio) {
        double[] sorted = m[0].clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %s | %.0f |%n", name, median(m[0]), sorted[0],
                sorted[sorted.length - 1], ratio == 1 ? "1" : String.format(Locale.ROOT, "**%.2f**", ratio), median(m[1]));
    }
}
