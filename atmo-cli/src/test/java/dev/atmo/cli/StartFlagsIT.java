package dev.atmo.cli;

import static dev.atmo.cli.AtmoJarIT.atmo;
import static dev.atmo.cli.AtmoJarIT.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atmo.testing.RepositoryRoot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each {@code atmo start} flag reaches the server: the built jar, run as its own process, behaves accordingly. */
class StartFlagsIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HttpResponse<String> send(HttpClient client, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        return client.send(body == null ? request.build() : request.POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts the jar and waits until {@code probe} answers (any status); the process's output goes to {@code log}. */
    private static Process start(Path log, HttpClient client, String probe, String... args) throws Exception {
        Process process = atmo(args).redirectOutput(log.toFile()).start();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(process.isAlive()).as("atmo is running; its output:\n" + Files.readString(log)).isTrue();
            try {
                send(client, probe, null);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        return process;
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("atmo stopped").isTrue();
    }

    private static double metric(String metrics, String name, String labels) {
        return metrics.lines().filter(l -> l.startsWith(name + "{") && l.contains(labels))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    /** Queues the close code a websocket receives. */
    static final class Closes implements WebSocket.Listener {
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }

    @Test
    void limitsAdminPortWebsocketSettingsAndLogLevelReachTheServer(@TempDir Path dir) throws Exception {
        int port = freePort();
        int admin = freePort();
        Path log = dir.resolve("atmo.log");
        Process process = start(log, CLIENT, "http://127.0.0.1:" + admin + "/health",
                "start", "--host", "127.0.0.1", "--port", String.valueOf(port), "--admin-port", String.valueOf(admin),
                "--timeout", "2", "--max-body-bytes", "1024", "--instances", "1", "--ws-max-frame-bytes", "100",
                "--ws-idle-timeout", "1", "--log-level", "warn", "--no-run-schedules",
                "testdata/bundles/example-project");
        String base = "http://127.0.0.1:" + port;
        try {
            assertThat(send(CLIENT, "http://127.0.0.1:" + admin + "/ready", null).body()).isEqualTo("{\"ready\":true}");
            assertThat(send(CLIENT, base + "/ready", null).statusCode()).isEqualTo(404);

            HttpResponse<String> late = send(CLIENT, base + "/slow", "60000");
            assertThat(late.statusCode()).isEqualTo(504);
            assertThat(late.body()).contains("deadline of 2000 ms");

            HttpResponse<String> big = send(CLIENT, base + "/hello", "x".repeat(2048));
            assertThat(big.statusCode()).isEqualTo(413);
            assertThat(big.body()).contains("limit of 1024 bytes");

            // one instance: of two slow requests at once, one waits for the other
            List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                slow.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return send(CLIENT, base + "/slow", "700");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (CompletableFuture<HttpResponse<String>> each : slow) {
                assertThat(each.get(60, TimeUnit.SECONDS).body()).isEqualTo("slept 700");
            }
            String metrics = send(CLIENT, "http://127.0.0.1:" + admin + "/meta/metrics", null).body();
            // at most the one instance --instances allows: the pool may hold none at this moment, since an instance
            // is replaced when the background compile of its module finishes, and the one the timed-out request
            // ran on was discarded
            assertThat(metric(metrics, "atmo_pool_instances", "::slow@")).isBetween(0.0, 1.0);
            assertThat(metric(metrics, "atmo_pool_waits", "::slow@")).isGreaterThanOrEqualTo(1);

            Closes oversized = new Closes();
            WebSocket socket = CLIENT.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/stream"),
                    oversized).get(30, TimeUnit.SECONDS);
            socket.sendText("x".repeat(200), true);
            assertThat(oversized.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1009);

            Closes idle = new Closes();
            CLIENT.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/stream"), idle)
                    .get(30, TimeUnit.SECONDS);
            assertThat(idle.closed.get(30, TimeUnit.SECONDS)).as("closed for idleness").isEqualTo(1000);
        } finally {
            stop(process);
        }
        assertThat(Files.readString(log)).doesNotContain("INFO").doesNotContain("serving on");
    }

    @Test
    void compileWaitLogLevelAndLogFileReachTheServer(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path file = dir.resolve("file.log");
        Process process = start(dir.resolve("out.log"), CLIENT, "http://127.0.0.1:" + port + "/health",
                "start", "--port", String.valueOf(port), "--compile-wait", "--log-level", "debug",
                "--log-file", file.toString(), "examples/hello");
        try {
            assertThat(send(CLIENT, "http://127.0.0.1:" + port + "/hello", "wait").body()).isEqualTo("hello wait");
        } finally {
            stop(process);
        }
        // compiled before serving: the background compile's own line never comes
        assertThat(Files.readString(file)).contains("serving on 0.0.0.0:" + port).contains("DEBUG")
                .doesNotContain("compiled in");
        assertThat(Files.readString(dir.resolve("out.log"))).doesNotContain("serving on");
    }

    @Test
    void interpreterHeadlessAndAbiServeEveryRunnableAtItsPathUncompiled(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path log = dir.resolve("atmo.log");
        Path bundle = AtmoJarIT.abiBundle(Files.createDirectory(dir.resolve("bundle")));
        Process process = start(log, CLIENT, "http://127.0.0.1:" + port + "/health",
                "start", "--port", String.valueOf(port), "--interpreter", "--headless", "--abi", "B",
                "--log-level", "debug", bundle.toString());
        try {
            String base = "http://127.0.0.1:" + port + "/com.example.abi/default/";
            HttpResponse<String> response = send(CLIENT, base + "hello/v0.1.0", "headless");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello headless");
            // an A-generation exerciser answers as B only because --abi says so
            assertThat(send(CLIENT, base + "abi-a-rust/v0.1.0", "cache_get nothing-here").body()).isEqualTo("rc=-13");
            assertThat(send(CLIENT, "http://127.0.0.1:" + port + "/hello", "x").statusCode()).isEqualTo(404);
        } finally {
            stop(process);
        }
        assertThat(Files.readString(log)).contains("Runnable abi-a-rust uses Runnable ABI B")
                .doesNotContain("compiled in");
    }

    @Test
    void tlsWatchAndShutdownGraceReachTheServer(@TempDir Path dir) throws Exception {
        Path bundle = dir.resolve("bundle");
        Path source = RepositoryRoot.resolve("testdata/bundles/example-project");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = bundle.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1").redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        HttpClient https = trusting(cert);
        int port = freePort();
        String base = "https://localhost:" + port;
        Path log = dir.resolve("atmo.log");
        Process process = start(log, https, base + "/health",
                "start", "--port", String.valueOf(port), "--tls-cert", cert.toString(), "--tls-key", key.toString(),
                "--watch", "--shutdown-grace", "1", "--no-run-schedules", bundle.toString());
        long stopping;
        try {
            assertThat(send(https, base + "/hello", "tls").body()).isEqualTo("hello tls");

            String directive = Files.readString(bundle.resolve("Directive.yaml"));
            Files.writeString(bundle.resolve("Directive.yaml"), directive.replace("resource: /hello\n",
                    "resource: /hello-again\n"));
            await().atMost(WAIT).until(() -> send(https, base + "/hello-again", "w").statusCode() == 200);
            assertThat(send(https, base + "/hello-again", "watched").body()).isEqualTo("hello watched");

            CompletableFuture.supplyAsync(() -> {
                try {
                    return send(https, base + "/slow", "25000");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(WAIT).until(() -> Files.readString(log).contains("POST /slow request_id="));
        } finally {
            stopping = System.nanoTime();
            process.destroy();
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // generous: the slow request needs 25 s; a grace of 1 s stops well before it ends
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(20));
        assertThat(Files.readString(log)).contains("reloaded " + bundle)
                .contains("stopping with 1 requests still running after the grace period");
    }

    private static HttpClient trusting(Path cert) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (var in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("atmo", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }
}
