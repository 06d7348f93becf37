package dev.atmo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
 * <p>usage: {@code Suite [quick|full] [http|invoke|compute|streams|growth|memory|startup|all]...}, run from the
 * repository root (or with {@code -Dbench.root=...}); {@code bench/run.sh} builds the jars first.
 * {@code Suite publish <results dir>} copies an earlier run into docs/PERFORMANCE.md.
 */
public final class Suite {
    private static final Map<String, Function<Run, Part>> PARTS = parts();

    private Suite() {
    }

    private static Map<String, Function<Run, Part>> parts() {
        Map<String, Function<Run, Part>> parts = new LinkedHashMap<>();
        parts.put("http", HttpPart::new);
        parts.put("invoke", InvokePart::new);
        parts.put("compute", ComputePart::new);
        parts.put("streams", StreamsPart::new);
        parts.put("growth", GrowthPart::new);
        parts.put("memory", MemoryPart::new);
        parts.put("startup", StartupPart::new);
        return parts;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        if (args.length == 2 && args[0].equals("publish")) {
            Path dir = Path.of(args[1]).toAbsolutePath().normalize();
            Report.publish(root, dir, Files.readString(dir.resolve("results.md")));
            return;
        }
        boolean full = false;
        List<String> parts = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "quick" -> full = false;
                case "full" -> full = true;
                case "all" -> parts.addAll(PARTS.keySet());
                default -> {
                    if (!PARTS.containsKey(arg)) {
                        System.err.println("usage: Suite [quick|full] [" + String.join("|", PARTS.keySet()) + "|all]...");
                        System.exit(2);
                    }
                    parts.add(arg);
                }
            }
        }
        if (parts.isEmpty()) {
            parts.addAll(PARTS.keySet());
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path out = root.resolve("bench/results").resolve(stamp);
        Files.createDirectories(out.resolve("logs"));
        run(Run.create(full, root, out), parts);
    }

    private static void run(Run run, List<String> parts) throws IOException {
        long start = System.nanoTime();
        for (String name : parts) {
            Part.say("== " + name);
            long partStart = System.nanoTime();
            try {
                PARTS.get(name).apply(run).run();
            } catch (RuntimeException e) {
                e.printStackTrace();
                run.report().failed(name, e);
            }
            Part.say(String.format(Locale.ROOT, "   %s took %.0f s", name, (System.nanoTime() - partStart) / 1e9));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String md = run.report().render(run, parts, seconds);
        Files.writeString(run.out().resolve("results.md"), md);
        Part.say("wrote " + run.out().resolve("results.md"));
        Report.publish(run.root(), run.out(), md);
    }
}
