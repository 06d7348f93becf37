import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Attacks a running Atmo from loopback for a fixed time, all at once: guests that loop forever (4 per
 * processor), slowloris connections that send a header line now and then, clients that send requests and
 * never read, and a guest filling the cache. Meanwhile it checks that the health endpoint and a quick route
 * keep answering, that every looping request ends with 504 within the deadline and a second of its arrival,
 * and that the server's resident memory stays under a bound. Prints one line per check and exits 1 when any
 * failed.
 *
 * Usage: java scripts/AbuseCheck.java <port> <server-pid> <deadline-seconds> <seconds> <rss-bound-mib>
 *
 * The bundle it expects (scripts/abuse-check.sh writes it): POST /loop runs a Runnable that never returns,
 * POST /echo one that returns its input, POST /cache the ABI exerciser (one host call per line).
 */
public class AbuseCheck {
    private static final int SLOWLORIS = 200;
    private static final int NEVER_READ = 20;
    private static final long HEALTH_BOUND_MS = 200;
    private static final long RAMP_UP_MS = 1000;
    private static final int WARM_UP_REQUESTS = 2000;

    private static String base;
    private static int port;
    private static volatile boolean running = true;
    private static final List<String> failures = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        port = Integer.parseInt(args[0]);
        base = "http://127.0.0.1:" + port;
        long pid = Long.parseLong(args[1]);
        Duration deadline = Duration.ofMillis((long) (Double.parseDouble(args[2]) * 1000));
        Duration length = Duration.ofSeconds(Long.parseLong(args[3]));
        long rssBoundMib = Long.parseLong(args[4]);
        int loopers = 4 * Runtime.getRuntime().availableProcessors();

        // the probing client's first request loads and links java.net.http in this process: done before the
        // attack, so that the probes measure the server and not this process warming up
        HttpClient probes = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Probe before = probe(probes, "GET", "/health", "", Duration.ofSeconds(10));
        check("health answers before the attack (" + before.status() + ")", before.status() == 200);
        warmUp(probes);

        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<String> loopProblems = new ConcurrentLinkedQueue<>();
        AtomicLong loops = new AtomicLong();
        for (int i = 0; i < loopers; i++) {
            threads.add(attacker(() -> loop(deadline, loops, loopProblems)));
        }
        AtomicLong slowConnections = new AtomicLong();
        threads.add(attacker(() -> slowloris(slowConnections)));
        AtomicLong neverReadBytes = new AtomicLong();
        List<Socket> neverRead = new ArrayList<>();
        for (int i = 0; i < NEVER_READ; i++) {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.setSendBufferSize(64 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            neverRead.add(socket);
            threads.add(attacker(() -> neverRead(socket, neverReadBytes)));
        }
        AtomicLong cacheSets = new AtomicLong();
        threads.add(attacker(() -> fillCache(cacheSets)));

        long healthProbes = 0;
        long slowHealth = 0;
        long worstHealthMs = 0;
        long quickOk = 0;
        long quickFailed = 0;
        long worstQuickMs = 0;
        long maxRssKib = 0;
        // one second for the attack to get under way (every connection opened, the guests running): the
        // probes measure the server under attack, not the connection storm of the attack's first moment
        Thread.sleep(RAMP_UP_MS);
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end) {
            long started = System.nanoTime();
            Probe health = probe(probes, "GET", "/health", "", Duration.ofSeconds(5));
            healthProbes++;
            worstHealthMs = Math.max(worstHealthMs, health.millis());
            if (health.status() != 200 || health.millis() > HEALTH_BOUND_MS) {
                slowHealth++;
                System.out.printf("late health probe %d at %s: status %d after %d ms%n", healthProbes,
                        java.time.LocalTime.now(), health.status(), health.millis());
            }
            String ping = "ping-" + healthProbes;
            Probe quick = probe(probes, "POST", "/echo", ping, Duration.ofSeconds(5));
            worstQuickMs = Math.max(worstQuickMs, quick.millis());
            if (quick.status() == 200 && quick.body().equals(ping)) {
                quickOk++;
            } else {
                quickFailed++;
            }
            maxRssKib = Math.max(maxRssKib, rssKib(pid));
            long left = 100 - (System.nanoTime() - started) / 1_000_000;
            if (left > 0) {
                Thread.sleep(left);
            }
        }
        running = false;
        for (Socket socket : neverRead) {
            socket.close();
        }
        long joinUntil = System.nanoTime() + deadline.toNanos() + Duration.ofSeconds(10).toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, (joinUntil - System.nanoTime()) / 1_000_000));
        }
        maxRssKib = Math.max(maxRssKib, rssKib(pid));

        System.out.printf("load: %d looping guests (%d requests), %d slowloris connections opened, %d never-read "
                        + "clients (%d KiB sent), %d cache values of 900 KiB set%n", loopers, loops.get(),
                slowConnections.get(), NEVER_READ, neverReadBytes.get() / 1024, cacheSets.get());
        check("health answered every probe within " + HEALTH_BOUND_MS + " ms (" + healthProbes + " probes, "
                + slowHealth + " late or failed, worst " + worstHealthMs + " ms)", slowHealth == 0 && healthProbes > 0);
        check("the quick route kept answering (" + quickOk + " answered, " + quickFailed + " failed, worst "
                + worstQuickMs + " ms)", quickFailed == 0 && quickOk > 0);
        check("every looping request ended with 504 within the deadline + 1 s of its arrival (" + loops.get()
                + " requests" + (loopProblems.isEmpty() ? "" : ", first problems: "
                + loopProblems.stream().limit(3).toList()) + ")", loopProblems.isEmpty() && loops.get() > 0);
        check("resident memory stayed under " + rssBoundMib + " MiB (peak " + maxRssKib / 1024 + " MiB)",
                maxRssKib > 0 && maxRssKib / 1024 < rssBoundMib);
        Probe after = probe(probes, "POST", "/echo", "after", Duration.ofSeconds(10));
        check("afterwards the quick route answers (" + after.status() + ")", after.status() == 200
                && after.body().equals("after"));
        Probe healthAfter = probe(probes, "GET", "/health", "", Duration.ofSeconds(10));
        check("afterwards health answers (" + healthAfter.status() + ")", healthAfter.status() == 200);
        Probe cache = probe(probes, "POST", "/cache", "cache_set after ok 0\ncache_get after", Duration.ofSeconds(10));
        check("afterwards the cache works (" + cache.status() + ")", cache.status() == 200
                && cache.body().equals("rc=0\nrc=2 ffi=0 data=ok"));
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private record Probe(int status, String body, long millis) {
    }

    private static Probe probe(HttpClient client, String method, String path, String body, Duration timeout) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Probe(response.statusCode(), response.body(), (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            return new Probe(-1, e.toString(), (System.nanoTime() - started) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(-1, "interrupted", 0);
        }
    }

    private static void check(String what, boolean ok) {
        System.out.println((ok ? "ok   " : "FAIL ") + what);
        if (!ok) {
            failures.add(what);
        }
    }

    /** One looping request after another; each must end 504 within the deadline and a second. */
    private static void loop(Duration deadline, AtomicLong count, ConcurrentLinkedQueue<String> problems) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long bound = deadline.toMillis() + 1000;
        while (running) {
            Probe answer = probe(client, "POST", "/loop", "spin", deadline.plusSeconds(30));
            count.incrementAndGet();
            if (answer.status() != 504 || answer.millis() > bound) {
                problems.add(answer.status() + " after " + answer.millis() + " ms");
            }
        }
    }

    /** Keeps SLOWLORIS connections open, each sending one more header line per second; reopens closed ones. */
    private static void slowloris(AtomicLong opened) {
        Socket[] sockets = new Socket[SLOWLORIS];
        while (running) {
            for (int i = 0; i < SLOWLORIS && running; i++) {
                try {
                    if (sockets[i] == null || sockets[i].isClosed()) {
                        sockets[i] = new Socket("127.0.0.1", port);
                        sockets[i].getOutputStream().write(
                                "GET /health HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
                        opened.incrementAndGet();
                    } else {
                        sockets[i].getOutputStream().write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException e) {
                    close(sockets[i]);
                    sockets[i] = null;
                }
            }
            sleep(1000);
        }
        for (Socket socket : sockets) {
            close(socket);
        }
    }

    /**
     * Starts one attacking thread at a lower priority than the server: on a machine of its own an attacker's
     * processor time is not the server's, here the attack and the server share two cores. The probes keep the
     * normal priority.
     */
    private static Thread attacker(Runnable attack) {
        return Thread.ofPlatform().daemon().start(() -> {
            try {
                String thread = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
                new ProcessBuilder("renice", "-n", "10", "-p", thread).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            } catch (IOException e) {
                System.out.println("note: the attack runs at the server's priority (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            attack.run();
        });
    }

    /**
     * Ordinary traffic before the attack, as a server in service has seen: the paths the probes and the quick
     * route take are compiled, so that the probes measure the attack and not the server's first seconds.
     */
    private static void warmUp(HttpClient client) {
        String body = "w".repeat(16 * 1024);
        for (int i = 0; i < WARM_UP_REQUESTS; i++) {
            probe(client, "GET", "/health", "", Duration.ofSeconds(10));
            probe(client, "POST", "/echo", body, Duration.ofSeconds(10));
        }
    }

    /** Pipelines echo requests with 16 KiB bodies without ever reading an answer. */
    private static void neverRead(Socket socket, AtomicLong sent) {
        String body = "n".repeat(16 * 1024);
        byte[] request = ("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length() + "\r\n\r\n"
                + body).getBytes(StandardCharsets.US_ASCII);
        try {
            OutputStream out = socket.getOutputStream();
            while (running) {
                out.write(request);
                sent.addAndGet(request.length);
            }
        } catch (IOException e) {
            // closed by the server (idle timeout) or by the end of the run
        }
    }

    /** Stores 900 KiB values under new keys, one after another. */
    private static void fillCache(AtomicLong sets) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String value = "c".repeat(900 * 1024);
        for (long i = 0; running; i++) {
            Probe answer = probe(client, "POST", "/cache", "cache_set key" + i + " " + value + " 0",
                    Duration.ofSeconds(30));
            if (answer.status() == 200) {
                sets.incrementAndGet();
            }
        }
    }

    private static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process is gone: reported as 0, which fails the memory check
        }
        return 0;
    }

    private static void close(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
