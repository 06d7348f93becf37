package dev.atmo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.atmo.bench.Format.orAll;

/**
 * Memory at rest: the resident set of {@code atmo start examples/hello} against the plain server once both have
 * served some requests and gone idle, and where the memory of each goes (Java heap, class metadata, code, threads,
 * the rest), from the JVM's native memory tracking.
 */
final class MemoryPart extends Part {
    private static final Pattern CATEGORY = Pattern.compile("^-\\s*([A-Za-z][A-Za-z ]*?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)");
    private static final Pattern TOTAL = Pattern.compile("^Total: reserved=\\d+KB, committed=(\\d+)KB");
    private static final List<String> SHOWN = List.of("Java Heap", "Class", "Thread", "Code", "GC", "Metaspace");

    MemoryPart(Run run) {
        super(run);
    }

    @Override
    String name() {
        return "memory";
    }

    @Override
    void run() throws IOException {
        int reps = full ? 3 : 1;
        // past atmo's idle collection (--idle-gc-seconds, 30 s by default)
        int settleSeconds = 40;
        Path hello = root.resolve("examples/hello");
        // each JVM sizes its heap as it would for a user: the suite's heap options would keep memory committed
        List<String> atmoDefault = withoutSuiteOptions(atmo(hello, List.of()));
        List<String> plainDefault = withoutSuiteOptions(plain());
        // before the idle collection existed: the same server with it off
        List<String> atmoNoIdleGc = withoutSuiteOptions(atmo(hello, List.of("--idle-gc-seconds", "0")));
        // on every processor of the machine, as a user starts it; and on one, where the JVM picks its serial collector
        List<String> placements = new ArrayList<>(List.of(""));
        if (!serverCpus.isEmpty()) {
            placements.add(serverCpus);
        }
        StringBuilder s = new StringBuilder("## Memory at rest: hello Runnable vs plain Netty\n\n");
        s.append(String.format(Locale.ROOT, "Each server started with the JVM's default heap sizing and collector (not "
                + "the suite's `%s`), served 200 requests to `POST /hello`, then idled %d s; resident set from /proc "
                + "(median of %d start%s each, all idling side by side). First on all %d processors of the machine, where the JVM "
                + "picks G1, then pinned to one (CPU %s), where it picks the serial collector. The breakdown comes "
                + "from a separate start with `-XX:NativeMemoryTracking=summary` (`jcmd <pid> VM.native_memory "
                + "summary`), committed MiB.%n%n", String.join(" ", jvmOptions), settleSeconds, reps,
                reps == 1 ? "" : "s", Runtime.getRuntime().availableProcessors(), orAll(serverCpus)));
        s.append("| server | processors | idle RSS MiB | ratio |");
        SHOWN.forEach(name -> s.append(' ').append(name).append(" |"));
        s.append(" NMT total |\n|---|---|---|---|").append("---|".repeat(SHOWN.size() + 1)).append('\n');
        for (String cpus : placements) {
            double[] atmoRss = new double[reps];
            double[] plainRss = new double[reps];
            double[] noIdleGcRss = new double[reps];
            Map<String, Double> atmoNmt = Map.of();
            Map<String, Double> plainNmt = Map.of();
            for (int r = 0; r < reps; r++) {
                // all idle side by side: one wait for all; the tracked pair only once, for the breakdown
                List<List<String>> commands = new ArrayList<>(List.of(atmoDefault, plainDefault, atmoNoIdleGc));
                if (r == 0) {
                    commands.add(tracked(atmoDefault));
                    commands.add(tracked(plainDefault));
                }
                List<Idle> idle = idleSideBySide(commands, settleSeconds, cpus);
                atmoRss[r] = idle.get(0).rss();
                plainRss[r] = idle.get(1).rss();
                noIdleGcRss[r] = idle.get(2).rss();
                if (r == 0) {
                    atmoNmt = idle.get(3).nmt();
                    plainNmt = idle.get(4).nmt();
                }
                say(String.format(Locale.ROOT, "   memory on %s: atmo %.0f MiB, plain %.0f MiB, atmo without idle "
                        + "collection %.0f MiB", orAll(cpus), atmoRss[r], plainRss[r], noIdleGcRss[r]));
            }
            double atmo = Format.median(atmoRss);
            double plain = Format.median(plainRss);
            double ratio = atmo / plain;
            String where = cpus.isEmpty() ? "all (G1)" : "CPU " + cpus + " (serial)";
            s.append(row("atmo, examples/hello", where, atmo, ratio, atmoNmt));
            double before = Format.median(noIdleGcRss);
            s.append(row("atmo `--idle-gc-seconds 0` (no idle collection, as before)", where, before, before / plain,
                    Map.of()));
            s.append(row("PlainNettyHello", where, plain, 1, plainNmt));
            target("Idle RSS of atmo start examples/hello ≤ 1.5 × plain Netty, " + (cpus.isEmpty()
                            ? "all processors" : "one processor"),
                    String.format(Locale.ROOT, "%.2f (%.0f / %.0f MiB)", ratio, atmo, plain), ratio <= 1.5);
        }
        s.append("\nPer pooled instance and per loaded Runnable: see the growth part (concurrent instances and bundle "
                + "size).\n\n");
        section(s);
    }

    private List<String> withoutSuiteOptions(List<String> command) {
        List<String> plainJvm = new ArrayList<>(command);
        plainJvm.removeAll(jvmOptions);
        return plainJvm;
    }

    private String row(String name, String where, double rss, double ratio, Map<String, Double> nmt) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %.0f | %s |", name, where, rss,
                ratio == 1 ? "1" : String.format(Locale.ROOT, "**%.2f**", ratio)));
        for (String category : SHOWN) {
            Double mib = nmt.get(category);
            row.append(mib == null ? " – |" : String.format(Locale.ROOT, " %.1f |", mib));
        }
        Double total = nmt.get("Total");
        return row.append(total == null ? " – |" : String.format(Locale.ROOT, " %.1f |", total)).append('\n').toString();
    }

    private static List<String> tracked(List<String> command) {
        List<String> tracked = new ArrayList<>(command);
        tracked.add(1, "-XX:NativeMemoryTracking=summary");
        return tracked;
    }

    /** One idle server: its resident set in MiB and, when tracked, committed MiB per native-memory category. */
    private record Idle(double rss, Map<String, Double> nmt) {
    }

    /**
     * Starts the servers side by side, has each serve some requests, lets them all idle for the same time, then reads
     * each one's resident set and, for those started with native memory tracking, its summary.
     */
    private List<Idle> idleSideBySide(List<List<String>> commands, int settleSeconds, String cpus) {
        List<Process> processes = new ArrayList<>();
        try {
            for (List<String> command : commands) {
                int port = Procs.freePort();
                processes.add(startServer("memory-" + processes.size(), withPort(command, port), port, "/hello",
                        cpus));
                exercise(port);
            }
            try {
                Thread.sleep(settleSeconds * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<Idle> idle = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++) {
                Process p = processes.get(i);
                double rss = Procs.rssMiB(p.pid());
                Map<String, Double> nmt = Map.of();
                if (commands.get(i).contains("-XX:NativeMemoryTracking=summary")) {
                    String jcmd = Path.of(java).resolveSibling("jcmd").toString();
                    nmt = parse(Procs.run(List.of(jcmd, Long.toString(p.pid()), "VM.native_memory", "summary"), "",
                            logs.resolve("memory-nmt-" + i + ".log"), 60));
                }
                idle.add(new Idle(rss, nmt));
            }
            return idle;
        } finally {
            processes.forEach(Procs::stop);
        }
    }

    static Map<String, Double> parse(String summary) {
        Map<String, Double> committed = new LinkedHashMap<>();
        for (String line : summary.split("\n")) {
            String trimmed = line.strip();
            Matcher total = TOTAL.matcher(trimmed);
            if (total.find()) {
                committed.put("Total", Long.parseLong(total.group(1)) / 1024.0);
                continue;
            }
            Matcher category = CATEGORY.matcher(trimmed);
            if (category.find()) {
                committed.put(category.group(1).strip(), Long.parseLong(category.group(2)) / 1024.0);
            }
        }
        return committed;
    }

    private static void exercise(int port) {
        byte[] body = "world".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 200; i++) {
            Procs.post(port, "/hello", body, null);
        }
    }
}
