package dev.atmo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results of one run: the parts' sections and targets, rendered as {@code results.md} with a description of
 * the machine, and copied between the results markers of docs/PERFORMANCE.md.
 */
final class Report {
    static final String BEGIN = "<!-- results:begin -->";
    static final String END = "<!-- results:end -->";

    private final StringBuilder sections = new StringBuilder();
    private final List<String[]> targets = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void section(CharSequence markdown) {
        sections.append(markdown);
    }

    void target(String name, String measured, boolean met) {
        targets.add(new String[] {name, measured, met ? "met" : "**not met**"});
    }

    void unavailable(String name) {
        targets.add(new String[] {name, "not available", "–"});
    }

    /** A part that failed: its section says so, and the other parts still run. */
    void failed(String part, RuntimeException e) {
        sections.append("## ").append(part).append("\n\nThis part failed: `")
                .append(String.valueOf(e.getMessage()).replace('`', '\'')).append("`\n\n");
    }

    String render(Run run, List<String> parts, double seconds) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append(String.format(Locale.ROOT, "Mode **%s**, parts: %s; the run took %.0f s. Every ratio compares two servers "
                + "or engines measured in this same run on this machine.%n%n", run.full() ? "full" : "quick",
                String.join(", ", parts), seconds));
        md.append("## Machine\n\n").append(machine(run)).append('\n');
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

    private static String machine(Run run) {
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
            commit = Procs.run(List.of("git", "-C", run.root().toString(), "describe", "--always", "--dirty"), "",
                    run.logs().resolve("git.log"), 30).trim();
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
        m.append("| server JVM options | `").append(String.join(" ", run.jvmOptions())).append("` |\n");
        m.append("| pinning | ").append(run.serverCpus().isEmpty() ? "none (one core)" : "servers on CPU " + run.serverCpus()
                + ", load generators on CPU " + run.loadCpus()).append(" |\n");
        m.append("| load average at the end | ").append(load).append(" |\n");
        m.append("| source | `").append(commit).append("` |\n");
        m.append("| results | `").append(run.root().relativize(run.out())).append("` |\n");
        return m.toString();
    }

    /** Copies the charts to docs/performance/ and the results between the markers of docs/PERFORMANCE.md. */
    static void publish(Path root, Path out, String md) throws IOException {
        Path doc = root.resolve("docs/PERFORMANCE.md");
        if (!Files.exists(doc)) {
            Part.say("no docs/PERFORMANCE.md to update");
            return;
        }
        String text = Files.readString(doc);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            Part.say("docs/PERFORMANCE.md has no " + BEGIN + " / " + END + " markers; left as it is");
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
        Part.say("updated docs/PERFORMANCE.md and docs/performance/*.svg");
    }
}
