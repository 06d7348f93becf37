import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads an Atmo server with N concurrent connections for S seconds; every request carries a unique body and
 * must come back as "hello <body>" with status 200, so a 5xx or a mixed-up answer is caught. Meanwhile one
 * client keeps calling a slow route and checks that fast requests keep being answered.
 *
 * Usage: java scripts/LoadCheck.java <base-url> <connections> <seconds> [<slow-path> <slow-body>]
 */
public class LoadCheck {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        int connections = Integer.parseInt(args[1]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[2]));
        String slowPath = args.length > 3 ? args[3] : "";
        String slowBody = args.length > 4 ? args[4] : "";
        AtomicLong ok = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        AtomicLong slowOk = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int id = c;
            threads.add(Thread.ofPlatform().start(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                long n = 0;
                while (System.nanoTime() < end) {
                    String body = "c" + id + "-" + n++;
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/hello"))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200 && r.body().equals("hello " + body)) {
                            ok.incrementAndGet();
                        } else {
                            if (bad.incrementAndGet() <= 10) {
                                System.out.println("bad answer for " + body + ": " + r.statusCode() + " " + r.body());
                            }
                        }
                    } catch (Exception e) {
                        if (bad.incrementAndGet() <= 10) {
                            System.out.println("request " + body + " failed: " + e);
                        }
                    }
                }
            }));
        }
        if (!slowPath.isEmpty()) {
            threads.add(Thread.ofPlatform().start(() -> {
                HttpClient client = HttpClient.newHttpClient();
                while (System.nanoTime() < end) {
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + slowPath))
                                .POST(HttpRequest.BodyPublishers.ofString(slowBody)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            slowOk.incrementAndGet();
                        } else {
                            bad.incrementAndGet();
                        }
                    } catch (Exception e) {
                        bad.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = duration.toMillis() / 1000.0;
        System.out.printf("%d connections for %.0f s: %d correct answers (%.0f/s), %d slow answers, %d wrong or failed%n",
                connections, seconds, ok.get(), ok.get() / seconds, slowOk.get(), bad.get());
        System.exit(bad.get() == 0 && ok.get() > 0 ? 0 : 1);
    }
}
