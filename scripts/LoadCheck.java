import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Loads an Atmo server with N concurrent connections for S seconds; every request carries a unique body and
 * must come back as "hello <body>" with status 200, so a 5xx or a mixed-up answer is caught. Meanwhile one
 * client keeps calling a slow route: it must be answered too, and while each slow request runs a fast request
 * must be sent and answered (a slow route that held up the fast one would leave a slow request with none: fast
 * requests queued before it may still finish while it runs, so only those sent after it started count). The
 * fast requests' latency is printed; the longest must stay under the given bound.
 *
 * Usage: java scripts/LoadCheck.java <base-url> <connections> <seconds> [<slow-path> <slow-body> [<max-fast-ms>]]
 */
public class LoadCheck {
    /**
     * What one client thread saw: correct answers, their latencies in microseconds, when each was sent and
     * answered ({@code System.nanoTime()} pairs, in the order sent), and the wrong ones.
     */
    record Tally(long ok, long bad, long[] micros, long[] spans) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int connections = Integer.parseInt(args[1]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[2]));
        String slowPath = args.length > 3 ? args[3] : "";
        String slowBody = args.length > 4 ? args[4] : "";
        // generous: a fast request stuck behind the slow ones would wait for many of them
        long maxFastMillis = args.length > 5 ? Long.parseLong(args[5]) : 5000;
        long end = System.nanoTime() + duration.toNanos();
        List<Future<Tally>> fast = new ArrayList<>();
        Future<Tally> slow = null;
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory())) {
            for (int c = 0; c < connections; c++) {
                int id = c;
                fast.add(threads.submit(() -> fastClient(base, id, end)));
            }
            if (!slowPath.isEmpty()) {
                slow = threads.submit(() -> slowClient(base + slowPath, slowBody, end));
            }
        }
        long ok = 0;
        long bad = 0;
        List<long[]> latencies = new ArrayList<>();
        List<long[]> fastSpans = new ArrayList<>();
        for (Future<Tally> f : fast) {
            Tally t = f.get();
            ok += t.ok();
            bad += t.bad();
            latencies.add(t.micros());
            fastSpans.add(t.spans());
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        double seconds = duration.toMillis() / 1000.0;
        System.out.printf("%d connections for %.0f s: %d correct answers (%.0f/s), %d wrong or failed%n",
                connections, seconds, ok, ok / seconds, bad);
        boolean passed = bad == 0 && ok > 0;
        if (all.length > 0) {
            long max = all[all.length - 1];
            System.out.printf("fast latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms (bound %d ms)%n",
                    percentile(all, 0.50) / 1000.0, percentile(all, 0.99) / 1000.0, max / 1000.0, maxFastMillis);
            if (max > maxFastMillis * 1000) {
                System.out.println("a fast request took longer than " + maxFastMillis + " ms");
                passed = false;
            }
        }
        if (slow != null) {
            Tally s = slow.get();
            long heldUp = withoutFastAnswer(s.spans(), fastSpans);
            System.out.printf("slow route %s: %d answered, %d wrong or failed, %d without a fast request sent and "
                    + "answered while it ran%n", slowPath, s.ok(), s.bad(), heldUp);
            passed &= s.ok() > 0 && s.bad() == 0 && heldUp == 0;
        }
        System.exit(passed ? 0 : 1);
    }

    /** How many of the slow requests' spans contain no span of a fast request: sent after it and answered before. */
    private static long withoutFastAnswer(long[] slowSpans, List<long[]> fastSpans) {
        long heldUp = 0;
        for (int i = 0; i < slowSpans.length; i += 2) {
            long sent = slowSpans[i];
            long answered = slowSpans[i + 1];
            boolean any = false;
            for (long[] spans : fastSpans) {
                for (int j = 0; j < spans.length && !any; j += 2) {
                    any = spans[j] >= sent && spans[j + 1] <= answered;
                }
            }
            if (!any) {
                heldUp++;
            }
        }
        return heldUp;
    }

    /** Appends a {@code (sent, answered)} pair at {@code index}, growing the array as needed. */
    private static long[] record(long[] spans, int index, long sent, long answered) {
        long[] room = index + 1 < spans.length ? spans : Arrays.copyOf(spans, spans.length * 2);
        room[index] = sent;
        room[index + 1] = answered;
        return room;
    }

    private static Tally fastClient(String base, int id, long end) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long ok = 0;
        long bad = 0;
        long[] micros = new long[1024];
        long[] spans = new long[2048];
        long n = 0;
        while (System.nanoTime() < end) {
            String body = "c" + id + "-" + n++;
            long start = System.nanoTime();
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/hello"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                long answered = System.nanoTime();
                if (r.statusCode() == 200 && r.body().equals("hello " + body)) {
                    if (ok == micros.length) {
                        micros = Arrays.copyOf(micros, micros.length * 2);
                    }
                    spans = record(spans, (int) (2 * ok), start, answered);
                    micros[(int) ok++] = (answered - start) / 1000;
                } else if (++bad <= 3) {
                    System.out.println("bad answer for " + body + ": " + r.statusCode() + " " + r.body());
                }
            } catch (Exception e) {
                if (++bad <= 3) {
                    System.out.println("request " + body + " failed: " + e);
                }
            }
        }
        return new Tally(ok, bad, Arrays.copyOf(micros, (int) ok), Arrays.copyOf(spans, (int) (2 * ok)));
    }

    /** Counts a slow answer as bad when it is not 200; the spans of the others are checked against the fast ones. */
    private static Tally slowClient(String url, String body, long end) {
        HttpClient client = HttpClient.newHttpClient();
        long ok = 0;
        long bad = 0;
        long[] spans = new long[64];
        while (System.nanoTime() < end) {
            long sent = System.nanoTime();
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    spans = record(spans, (int) (2 * ok++), sent, System.nanoTime());
                } else if (++bad <= 3) {
                    System.out.println("slow request: " + r.statusCode() + " " + r.body());
                }
            } catch (Exception e) {
                if (++bad <= 3) {
                    System.out.println("slow request failed: " + e);
                }
            }
        }
        return new Tally(ok, bad, new long[0], Arrays.copyOf(spans, (int) (2 * ok)));
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}
