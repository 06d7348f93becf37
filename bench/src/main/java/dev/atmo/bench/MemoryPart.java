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
        double[] atmoRss = new double[reps];
        double[] plainRss = new double[reps];
        for (int r = 0; r < reps; r++) {
            atmoRss[r] = idleRss("memory-atmo", atmoDefault, settleSeconds);
            plainRss[r] = idleRss("memory-plain", plainDefault, settleSeconds);
        }
        Map<String, Double> atmoNmt = nativeMemory("memory-atmo-nmt", atmoDefault, settleSeconds);
        Map<String, Double> plainNmt = nativeMemory("memory-plain-nmt", plainDefault, settleSeconds);
        double atmo = Format.median(atmoRss);
        double plain = Format.median(plainRss);
        double ratio = atmo / plain;
        StringBuilder s = new StringBuilder("## Memory at rest: hello Runnable vs plain Netty\n\n");
        s.append(String.format(Locale.ROOT, "Each server started with the JVM's default heap sizing (not the suite's "
                + "`%s`), served 200 requests to `POST /hello`, then idled %d s; resident set from /proc (median of %d "
                + "start%s each, alternating). The breakdown comes from a separate start with "
                + "`-XX:NativeMemoryTracking=summary` (`jcmd <pid> VM.native_memory summary`), committed MiB.%n%n",
                String.join(" ", jvmOptions), settleSeconds, reps, reps == 1 ? "" : "s"));
        s.append("| server | idle RSS MiB | ratio |");
        SHOWN.forEach(name -> s.append(' ').append(name).append(" |"));
        s.append(" NMT total |\n|---|---|---|").append("---|".repeat(SHOWN.size() + 1)).append('\n');
        s.append(row("atmo, examples/hello", atmo, ratio, atmoNmt));
        s.append(row("PlainNettyHello", plain, 1, plainNmt));
        s.append("\nPer pooled instance and per loaded Runnable: see the growth part (concurrent instances and bundle "
                + "size).\n\n");
        section(s);
        target("Idle RSS of atmo start examples/hello ≤ 1.5 × plain Netty",
                String.format(Locale.ROOT, "%.2f (%.0f / %.0f MiB)", ratio, atmo, plain), ratio <= 1.5);
    }

    private List<String> withoutSuiteOptions(List<String> command) {
        List<String> plainJvm = new ArrayList<>(command);
        plainJvm.removeAll(jvmOptions);
        return plainJvm;
    }

    private String row(String name, double rss, double ratio, Map<String, Double> nmt) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %.0f | %s |", name, rss,
                ratio == 1 ? "1" : String.format(Locale.ROOT, "**%.2f**", ratio)));
        for (String category : SHOWN) {
            Double mib = nmt.get(category);
            row.append(mib == null ? " – |" : String.format(Locale.ROOT, " %.1f |", mib));
        }
        Double total = nmt.get("Total");
        return row.append(total == null ? " – |" : String.format(Locale.ROOT, " %.1f |", total)).append('\n').toString();
    }

    /** Starts the server, serves some requests, lets it idle, and returns its resident set in MiB. */
    private double idleRss(String name, List<String> command, int settleSeconds) {
        int port = Procs.freePort();
        Process p = startServer(name, withPort(command, port), port, "/hello");
        try {
            exercise(port, settleSeconds);
            double rss = Procs.rssMiB(p.pid());
            say(String.format(Locale.ROOT, "   %s idle: %.0f MiB", name, rss));
            return rss;
        } finally {
            Procs.stop(p);
        }
    }

    /** Committed MiB per native-memory category of the idle server, and "Total". */
    private Map<String, Double> nativeMemory(String name, List<String> command, int settleSeconds) {
        List<String> tracked = new ArrayList<>(command);
        tracked.add(1, "-XX:NativeMemoryTracking=summary");
        int port = Procs.freePort();
        Process p = startServer(name, withPort(tracked, port), port, "/hello");
        try {
            exercise(port, settleSeconds);
            String jcmd = Path.of(java).resolveSibling("jcmd").toString();
            String summary = Procs.run(List.of(jcmd, Long.toString(p.pid()), "VM.native_memory", "summary"), "",
                    logs.resolve(name + ".log"), 60);
            return parse(summary);
        } finally {
            Procs.stop(p);
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

    private static void exercise(int port, int settleSeconds) {
        byte[] body = "world".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 200; i++) {
            Procs.post(port, "/hello", body, null);
        }
        try {
            Thread.sleep(settleSeconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
