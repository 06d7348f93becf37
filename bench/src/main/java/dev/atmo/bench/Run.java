package dev.atmo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What every part of one suite run shares: the mode, where results go, the jars and JVM options the servers run
 * with, how servers and load generators are pinned, and the report the parts write into.
 */
record Run(boolean full, Path root, Path out, String java, Path atmoJar, Path benchJar, List<String> jvmOptions,
           String serverCpus, String loadCpus, int loadThreads, String natsUrl, Report report) {

    /** A run writing into {@code out}, with private copies of the jars and the settings from the environment. */
    static Run create(boolean full, Path root, Path out) {
        String opts = System.getenv().getOrDefault("BENCH_JAVA_OPTS", "-Xms512m -Xmx2g");
        List<String> jvmOptions = opts.isBlank() ? List.of() : List.of(opts.trim().split("\\s+"));
        int cpus = Runtime.getRuntime().availableProcessors();
        String serverCpus = cpus >= 2 ? "0" : "";
        String loadCpus = cpus >= 2 ? (cpus == 2 ? "1" : "1-" + (cpus - 1)) : "";
        int loadThreads = Math.max(1, cpus - 1);
        return new Run(full, root, out, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                snapshot(root.resolve("atmo-cli/target/atmo.jar")), snapshot(root.resolve("bench/target/benchmarks.jar")),
                jvmOptions, serverCpus, loadCpus, loadThreads,
                System.getenv().getOrDefault("NATS_URL", "nats://127.0.0.1:4222"), new Report());
    }

    Path logs() {
        return out.resolve("logs");
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
}
