package dev.atmo.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording for the performance notes: CPU samples by top frame (self) and by any frame on the
 * stack (inclusive), allocation by allocating frame and by class, and where threads blocked on locks or parked.
 *
 * <p>usage: {@code JfrSummary <recording.jfr> [rows] [filter]} — filter keeps samples whose stack contains it
 */
public final class JfrSummary {
    private JfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        String filter = args.length > 2 ? args[2] : null;
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> allocFrame = new HashMap<>();
        Map<String, Long> allocClass = new HashMap<>();
        Map<String, Long> blocked = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = stack.getFrames();
            if (filter != null && frames.stream().noneMatch(f -> name(f).contains(filter))) {
                continue;
            }
            switch (type) {
                case "jdk.ExecutionSample" -> {
                    samples++;
                    self.merge(name(frames.get(0)), 1L, Long::sum);
                    Set<String> seen = new HashSet<>();
                    for (RecordedFrame f : frames) {
                        if (seen.add(name(f))) {
                            inclusive.merge(name(f), 1L, Long::sum);
                        }
                    }
                }
                case "jdk.ObjectAllocationSample" -> {
                    long weight = e.getLong("weight");
                    allocated += weight;
                    allocFrame.merge(firstOwn(frames), weight, Long::sum);
                    allocClass.merge(e.getClass("objectClass").getName(), weight, Long::sum);
                }
                case "jdk.JavaMonitorEnter", "jdk.ThreadPark" -> blocked.merge(type.substring(4) + " at "
                        + firstOwn(frames), e.getDuration().toNanos(), Long::sum);
                default -> {
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d CPU samples%s%n", samples, filter == null ? "" : " containing " + filter);
        print("top frames (self)", self, samples, rows, "%");
        print("frames on the stack (inclusive)", inclusive, samples, rows, "%");
        System.out.printf(Locale.ROOT, "%nsampled allocation: %.1f MiB%n", allocated / 1048576.0);
        print("allocation by allocating frame", allocFrame, allocated, rows, "%");
        print("allocation by class", allocClass, allocated, rows, "%");
        print("blocked / parked time (ms)", blocked, 0, rows, "ms");
    }

    private static void print(String title, Map<String, Long> counts, long total, int rows, String unit) {
        System.out.println();
        System.out.println(title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(rows)
                .forEach(en -> {
                    if (unit.equals("%")) {
                        System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * en.getValue() / Math.max(1, total),
                                en.getKey());
                    } else {
                        System.out.printf(Locale.ROOT, "  %8.1f  %s%n", en.getValue() / 1e6, en.getKey());
                    }
                });
    }

    /** The first frame outside the JDK's collections and concurrency internals, to name who allocated or waited. */
    private static String firstOwn(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String n = name(f);
            if (!n.startsWith("java.") && !n.startsWith("jdk.") && !n.startsWith("sun.")) {
                return n;
            }
        }
        return name(frames.get(0));
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}
