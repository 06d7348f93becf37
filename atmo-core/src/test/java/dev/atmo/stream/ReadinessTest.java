package dev.atmo.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atmo.server.AtmoServer;
import dev.atmo.server.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /ready} answers 503 while the bundle's NATS connection is down and while the server stops. */
class ReadinessTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int port, String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path bundle(Path dir, String natsUrl) {
        String id = StreamBundle.unique();
        return StreamBundle.write(dir, "com.example.ready", natsUrl, """
                  - type: stream
                    source: nats
                    resource: r.%1$s.in
                    respondTo: r.%1$s.out
                    steps:
                      - fn: helloworld-rs
                  - type: request
                    method: POST
                    resource: /slow
                    steps:
                      - fn: slow
                """.formatted(id), "helloworld-rs", "slow");
    }

    @Test
    void notReadyWhileNatsIsDownAndReadyAgainOnceItIsBack(@TempDir Path storage, @TempDir Path dir) throws Exception {
        try (NatsServerProcess nats = NatsServerProcess.start(storage);
             AtmoServer server = StreamBundle.start(bundle(dir, nats.url()))) {
            assertThat(get(server.port(), "/ready").statusCode()).isEqualTo(200);
            nats.stop();
            await().atMost(WAIT).until(() -> get(server.port(), "/ready").statusCode() == 503);
            assertThat(get(server.port(), "/ready").body()).isEqualTo("{\"ready\":false}");
            assertThat(get(server.port(), "/health").statusCode()).isEqualTo(200);
            nats.startAgain();
            await().atMost(WAIT).until(() -> get(server.port(), "/ready").statusCode() == 200);
            assertThat(get(server.port(), "/ready").body()).isEqualTo("{\"ready\":true}");
        }
    }

    @Test
    void notReadyWhileStopping(@TempDir Path dir) throws Exception {
        AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(bundle(dir, NatsServerProcess.sharedUrl()))
                .host("127.0.0.1").port(0).runSchedules(false)
                .operations(new ServerOptions.Operations("/health", "/ready", "/meta/metrics", Optional.of(0)))
                .build());
        int admin = server.adminPort().orElseThrow();
        assertThat(get(admin, "/ready").statusCode()).isEqualTo(200);
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return post(server.port(), "/slow", "3000");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(WAIT).until(() -> server.metrics().scrape().lines()
                .anyMatch(l -> l.startsWith("atmo_pool_in_use{") && l.contains("::slow@")
                        && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) == 1));
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        await().atMost(WAIT).until(() -> get(admin, "/ready").statusCode() == 503);
        assertThat(get(admin, "/ready").body()).isEqualTo("{\"ready\":false}");
        assertThat(slow.get(60, TimeUnit.SECONDS).body()).isEqualTo("slept 3000");
        closing.get(60, TimeUnit.SECONDS);
    }
}
