package dev.atmo.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An older {@code atmo.jar} measured beside the current one, from {@code BENCH_BASELINE_JAR}: comma-separated
 * entries {@code name=path [options]}, e.g. {@code round one=/tmp/r1.jar,round one q0=/tmp/r1.jar --quick-budget-ms 0};
 * an entry without a name is called "baseline".
 *
 * @param options {@code atmo start} options for this server, after the suite's own
 */
record Baseline(String name, Path jar, List<String> options) {
    static List<Baseline> fromEnvironment() {
        return parse(System.getenv("BENCH_BASELINE_JAR"));
    }

    static List<Baseline> parse(String value) {
        List<Baseline> baselines = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return baselines;
        }
        for (String entry : value.split(",")) {
            int eq = entry.indexOf('=');
            String name = eq < 0 ? "baseline" : entry.substring(0, eq).strip();
            List<String> words = Arrays.stream(entry.substring(eq + 1).strip().split("\\s+")).toList();
            baselines.add(new Baseline(name, Path.of(words.get(0)), words.subList(1, words.size())));
        }
        return baselines;
    }
}
