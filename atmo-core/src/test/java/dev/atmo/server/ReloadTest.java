package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atmo.testing.RepositoryRoot;
import dev.atmo.wasm.InstancePool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadTest {

    private static void writeBundle(Path dir, String route) throws Exception {
        Path root = RepositoryRoot.path();
        Files.copy(root.resolve("examples/hello/hello/hello.wasm"), dir.resolve("hello.wasm"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("Directive.yaml"), """
                identifier: com.example.reload
                appVersion: v0.1.0
                atmoVersion: v0.3.0
                runnables:
                  - name: hello
                    namespace: default
                handlers:
                  - type: request
                    method: POST
                    resource: /hello
                    steps:
                      - fn: hello
                  - type: request
                    method: POST
                    resource: %s
                    steps:
                      - fn: hello
                """.formatted(route));
    }

    @Test
    void reloadSwapsTheBundleUnderLoadWithoutAFailedRequest(@TempDir Path dir) throws Exception {
        writeBundle(dir, "/first");
        try (AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(dir).host("127.0.0.1").port(0)
                .watch(true).build())) {
            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicInteger answered = new AtomicInteger();
            List<Future<?>> load = new ArrayList<>();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 8; i++) {
                    load.add(clients.submit(() -> {
                        while (running.get()) {
                            try {
                                HttpResponse<String> r = TestServers.CLIENT.send(HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + server.port() + "/hello"))
                                        .POST(HttpRequest.BodyPublishers.ofString("load")).build(),
                                        HttpResponse.BodyHandlers.ofString());
                                if (r.statusCode() != 200 || !r.body().equals("hello load")) {
                                    failures.add(r.statusCode() + " " + r.body());
                                }
                                answered.incrementAndGet();
                            } catch (IOException e) {
                                failures.add(e.toString());
                            }
                        }
                        return null;
                    }));
                }
                try {
                    assertThat(TestServers.send(server, "POST", "/first", "a").statusCode()).isEqualTo(200);
                    writeBundle(dir, "/second");
                    await().atMost(Duration.ofSeconds(20)).until(() -> reloads(server, "ok") == 1);
                    assertThat(TestServers.send(server, "POST", "/second", "b").statusCode()).isEqualTo(200);
                    assertThat(TestServers.send(server, "POST", "/first", "a").statusCode()).isEqualTo(404);

                    Files.writeString(dir.resolve("Directive.yaml"), "identifier: broken\nappVersion: nope\n");
                    await().atMost(Duration.ofSeconds(20)).until(() -> reloads(server, "failed") == 1);
                    assertThat(TestServers.send(server, "POST", "/second", "still").body()).isEqualTo("hello still");
                    int before = answered.get();
                    await().atMost(Duration.ofSeconds(20)).until(() -> answered.get() > before);
                } finally {
                    running.set(false);
                }
                for (Future<?> client : load) {
                    client.get(30, TimeUnit.SECONDS);
                }
            }
            assertThat(failures).isEmpty();
            assertThat(reloads(server, "ok")).isEqualTo(1);
        }
    }

    /** The {@code atmo_reloads_total} counter of one result; 0 before the first such reload. */
    static double reloads(AtmoServer server, String result) {
        return TestServers.metric(server, "atmo_reloads_total", "result=\"" + result + "\"");
    }

    @Test
    void reloadOfAnInvalidBundleKeepsTheOldOneServing(@TempDir Path dir) throws Exception {
        writeBundle(dir, "/first");
        try (AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(dir).host("127.0.0.1").port(0).build())) {
            Files.writeString(dir.resolve("Directive.yaml"), "identifier: x\nhandlers: [oops\n");
            assertThat(server.reload()).isFalse();
            assertThat(TestServers.send(server, "POST", "/first", "ok").body()).isEqualTo("hello ok");
            writeBundle(dir, "/third");
            assertThat(server.reload()).isTrue();
            assertThat(TestServers.send(server, "POST", "/third", "ok").body()).isEqualTo("hello ok");
        }
    }

    @Test
    void poolMetricsMeasureTheBundleThatServes(@TempDir Path dir) throws Exception {
        writeBundle(dir, "/first");
        String instances = "atmo_pool_instances{runnable=\"com.example.reload#default::hello@v0.1.0\"}";
        try (AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(dir).host("127.0.0.1").port(0).build())) {
            assertThat(TestServers.send(server, "POST", "/first", "ok").body()).isEqualTo("hello ok");
            assertThat(metricLines(server, instances)).containsExactly(instances + " 1.0");

            InstancePool oldPool = server.runnables().all().values().iterator().next().pool();
            writeBundle(dir, "/second");
            assertThat(server.reload()).isTrue();
            assertThat(TestServers.send(server, "POST", "/second", "ok").body()).isEqualTo("hello ok");
            // the old bundle is closed a moment after the swap, its pool dropping to 0: once it has, the series must
            // still be the new one's
            await().atMost(Duration.ofSeconds(30)).until(() -> oldPool.size() == 0);
            assertThat(metricLines(server, instances)).containsExactly(instances + " 1.0");

            Files.writeString(dir.resolve("Directive.yaml"), Files.readString(dir.resolve("Directive.yaml"))
                    .replace("appVersion: v0.1.0", "appVersion: v0.2.0"));
            assertThat(server.reload()).isTrue();
            assertThat(metricLines(server, instances)).as("a Runnable the bundle no longer has").isEmpty();
            assertThat(metricLines(server, instances.replace("v0.1.0", "v0.2.0"))).as("one instance made at load")
                    .containsExactly(instances.replace("v0.1.0", "v0.2.0") + " 1.0");
        }
    }

    private static List<String> metricLines(AtmoServer server, String series) throws Exception {
        return TestServers.send(server, "GET", "/meta/metrics", "").body().lines()
                .filter(line -> line.startsWith(series)).toList();
    }
}
