package dev.atmo.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One part of the suite ({@code http}, {@code compute}, ...): measures something against its reference and writes
 * a section and its targets into the run's report. Holds what the parts share: the commands that start atmo and
 * the plain server, starting a server and waiting for its first answer, and wrk.
 */
abstract class Part {
    static final ObjectMapper JSON = new ObjectMapper();

    final boolean full;
    final Path root;
    final Path out;
    final Path logs;
    final String java;
    final Path atmoJar;
    final Path benchJar;
    final List<String> jvmOptions;
    final String serverCpus;
    final String loadCpus;
    final String natsUrl;
    private final int loadThreads;
    private final Report report;

    Part(Run run) {
        this.full = run.full();
        this.root = run.root();
        this.out = run.out();
        this.logs = run.logs();
        this.java = run.java();
        this.atmoJar = run.atmoJar();
        this.benchJar = run.benchJar();
        this.jvmOptions = run.jvmOptions();
        this.serverCpus = run.serverCpus();
        this.loadCpus = run.loadCpus();
        this.natsUrl = run.natsUrl();
        this.loadThreads = run.loadThreads();
        this.report = run.report();
    }

    /** The name the part is chosen by on the command line. */
    abstract String name();

    abstract void run() throws IOException;

    final void section(CharSequence markdown) {
        report.section(markdown);
    }

    final void target(String name, String measured, boolean met) {
        report.target(name, measured, met);
    }

    final void unavailable(String name) {
        report.unavailable(name);
    }

    /** Starts the server {@code reps} times; [0] = ms to the first 200 answer, [1] = RSS MiB right after it. */
    double[][] startups(String name, List<String> command, String path, int reps) {
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

    List<String> atmo(Path bundle, List<String> extra) {
        return atmo(atmoJar, bundle, extra);
    }

    List<String> atmo(Path jar, Path bundle, List<String> extra) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString(), "start", "--host", "127.0.0.1", "--port", "{port}",
                "--shutdown-grace", "1"));
        cmd.addAll(extra);
        cmd.add(bundle.toString());
        return cmd;
    }

    List<String> plain() {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", benchJar.toString(), "dev.atmo.bench.PlainNettyHello", "{port}"));
        return cmd;
    }

    List<String> javaCommand(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", benchJar.toString(), mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static List<String> withPort(List<String> command, int port) {
        return command.stream().map(a -> a.equals("{port}") ? Integer.toString(port) : a).toList();
    }

    /**
     * Starts a server for a load test, its output discarded (it would log every request); when it does not come up,
     * starts it once more with its output kept, to report why.
     */
    Process startServer(String name, List<String> command, int port, String path) {
        return startServer(name, command, port, path, serverCpus);
    }

    /** As {@link #startServer(String, List, int, String)}, on the given CPUs ("" for all). */
    Process startServer(String name, List<String> command, int port, String path, String cpus) {
        long start = System.nanoTime();
        Process p = Procs.start(command, cpus, null);
        double ms = Procs.awaitFirstResponse(p, start, port, path, 120);
        if (ms < 0) {
            Procs.stop(p);
            Path log = logs.resolve(name + ".log");
            Process again = Procs.start(command, cpus, log);
            Procs.awaitFirstResponse(again, System.nanoTime(), port, path, 60);
            Procs.stop(again);
            throw new IllegalStateException(name + " did not serve " + path + " (see " + log + ")");
        }
        say(String.format(Locale.ROOT, "   %s serving on %d after %.0f ms", name, port, ms));
        return p;
    }

    Wrk wrk(String name) {
        return new Wrk(root.resolve("bench/wrk/post.lua"), loadCpus, loadThreads, logs.resolve(name + "-wrk.log"));
    }

    static void runnable(Path bundle, String name, Path wasm) throws IOException {
        Path dir = Files.createDirectories(bundle.resolve(name));
        Files.copy(wasm, dir.resolve(name + ".wasm"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve(".runnable.yaml"), "name: " + name + "\nnamespace: default\nlang: "
                + (wasm.toString().endsWith("-c.wasm") || wasm.toString().contains("compute") ? "c" : "rust")
                + "\nversion: \"\"\napiVersion: \"0.12.0\"\n");
    }


    double poolSize(int port, String runnable) {
        String metrics = Procs.get(port, "/meta/metrics");
        for (String line : metrics.split("\n")) {
            if (line.startsWith("atmo_pool_instances{") && line.contains("::" + runnable + "@")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    void check(int port, String path, String body, String expected) {
        StringBuilder answer = new StringBuilder();
        int status = Procs.post(port, path, body.getBytes(StandardCharsets.UTF_8), answer);
        if (status != 200 || !answer.toString().equals(expected)) {
            throw new IllegalStateException("POST " + path + " answered " + status + ": " + answer);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
