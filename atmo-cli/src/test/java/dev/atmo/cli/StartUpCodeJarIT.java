package dev.atmo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.testing.RepositoryRoot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar with a module whose start-up code never returns: at start, and in a reload under {@code --watch}. */
class StartUpCodeJarIT {

    private static void writeBundle(Path dir, String module, String route) throws Exception {
        Files.copy(RepositoryRoot.resolve("testdata/runnables/wasm/" + module + ".wasm"), dir.resolve("echo.wasm"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("Directive.yaml"), """
                identifier: com.example.startup
                appVersion: v0.1.0
                atmoVersion: v0.3.0
                runnables:
                  - name: echo
                    namespace: default
                handlers:
                  - type: request
                    method: POST
                    resource: %s
                    steps:
                      - fn: echo
                """.formatted(route));
    }

    /** POSTs {@code body} to {@code path} until the server answers; fails if it never does. */
    private static HttpResponse<String> post(Process process, int port, String path, String body) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (process.isAlive() && System.nanoTime() < until) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the server never answered POST " + path);
    }

    @Test
    void aStartWhoseInitNeverReturnsEndsWithAnErrorNamingTheRunnable(@TempDir Path dir) throws Exception {
        writeBundle(dir, "hang-init-wat", "/echo");
        Process process = AtmoJarIT.atmo("start", "--port", String.valueOf(AtmoJarIT.freePort()), "--timeout", "1",
                dir.toString()).start();
        String output = AtmoJarIT.run(process);
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains(dir.resolve("echo.wasm") + ": Runnable echo did not finish its start-up code "
                + "(start section, _start, _initialize, init) within the deadline of 1000 ms\n")
                .contains("atmo: not starting, " + dir + " has 1 problem").doesNotContain("serving on");
    }

    @Test
    void sigtermDuringAReloadWhoseStartUpNeverReturnsStopsTheProcess(@TempDir Path dir) throws Exception {
        writeBundle(dir, "echo-wat", "/first");
        int port = AtmoJarIT.freePort();
        Path log = Files.createTempFile(dir, "atmo", ".log");
        Process process = AtmoJarIT.atmo("start", "--port", String.valueOf(port), "--timeout", "120", "--watch",
                dir.toString()).redirectOutput(log.toFile()).start();
        try {
            assertThat(post(process, port, "/first", "before").body()).isEqualTo("before");
            writeBundle(dir, "hang-initialize-wat", "/hanging");
            // the watcher sees the change within two polls (1 s); then the reload spins in the endless _initialize
            Thread.sleep(2500);
            assertThat(post(process, port, "/first", "during").body()).isEqualTo("during");
        } finally {
            process.destroy();
        }
        // far below the 120 s deadline that the reload would otherwise run into
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(Files.readString(log)).contains("changed, reloading").contains("stopped");
    }
}
