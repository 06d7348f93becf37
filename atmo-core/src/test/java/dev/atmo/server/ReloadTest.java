package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadTest {

    private static void writeBundle(Path dir, String route) throws Exception {
        Path root = TestServers.repositoryRoot();
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
            List<Thread> load = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                load.add(Thread.ofVirtual().start(() -> {
                    while (running.get()) {
                        HttpResponse<String> r = TestServers.send(server, "POST", "/hello", "load");
                        if (r.statusCode() != 200 || !r.body().equals("hello load")) {
                            failures.add(r.statusCode() + " " + r.body());
                        }
                    }
                }));
            }
            assertThat(TestServers.send(server, "POST", "/first", "a").statusCode()).isEqualTo(200);
            writeBundle(dir, "/second");
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    TestServers.send(server, "POST", "/second", "b").statusCode() == 200);
            assertThat(TestServers.send(server, "POST", "/first", "a").statusCode()).isEqualTo(404);

            Files.writeString(dir.resolve("Directive.yaml"), "identifier: broken\nappVersion: nope\n");
            Thread.sleep(2500);
            assertThat(TestServers.send(server, "POST", "/second", "still").body()).isEqualTo("hello still");

            running.set(false);
            for (Thread t : load) {
                t.join();
            }
            assertThat(failures).isEmpty();
        }
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
}
