package dev.atmo.server;

import dev.atmo.testing.RepositoryRoot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.atmo.AtmoException;
import dev.atmo.wasm.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up code (start section, {@code _start}, {@code _initialize}, {@code init}) runs under the deadline: a
 * module whose start-up never returns fails the start or the reload with its name, the old bundle keeps serving,
 * a stop is never held up by a reload, and a bundle that breaks the reload does not stop later ones.
 */
// the timeout keeps a hang from hanging the build; each test's own bounds are far below it
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StartUpCodeTest {

    /** A bundle with one Runnable {@code echo} built from the named test module, served at {@code route}. */
    static void writeBundle(Path dir, String module, String route) throws Exception {
        Files.copy(RepositoryRoot.path().resolve("testdata/runnables/wasm/" + module + ".wasm"),
                dir.resolve("echo.wasm"), StandardCopyOption.REPLACE_EXISTING);
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

    static ServerOptions.Builder options(Path dir, Duration deadline) {
        return ServerOptions.builder().bundle(dir).host("127.0.0.1").port(0)
                .limits(Limits.builder().deadline(deadline).build());
    }

    @Test
    void aStartWhoseStartUpCodeNeverReturnsFailsAtTheDeadlineNamingTheRunnable(@TempDir Path dir) throws Exception {
        writeBundle(dir, "hang-init-wat", "/echo");
        assertThatThrownBy(() -> AtmoServer.start(options(dir, Duration.ofSeconds(1)).build()))
                .isInstanceOf(AtmoException.class)
                .hasMessage("found 1 problems in " + dir + ":\n\t" + dir.resolve("echo.wasm") + ": Runnable echo did "
                        + "not finish its start-up code (start section, _start, _initialize, init) within the deadline "
                        + "of 1000 ms");
    }

    @Test
    void aReloadWhoseStartUpCodeNeverReturnsLeavesTheOldBundleServingAndALaterFixIsPickedUp(@TempDir Path dir)
            throws Exception {
        writeBundle(dir, "echo-wat", "/first");
        try (AtmoServer server = AtmoServer.start(options(dir, Duration.ofSeconds(1)).watch(true).build())) {
            Thread.sleep(1000); // the watcher's first look at the bundle, which later changes are compared with
            writeBundle(dir, "hang-start-section-wat", "/hanging");
            Thread.sleep(2500);
            assertThat(TestServers.send(server, "POST", "/first", "old").body()).isEqualTo("old");
            assertThat(TestServers.send(server, "POST", "/hanging", "new").statusCode()).isEqualTo(404);
            writeBundle(dir, "echo-wat", "/fixed");
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    TestServers.send(server, "POST", "/fixed", "new").statusCode() == 200);
            assertThat(TestServers.send(server, "POST", "/fixed", "new").body()).isEqualTo("new");
        }
    }

    @Test
    void aStopDuringAReloadThatNeverFinishesItsStartUpCodeIsNotHeldUp(@TempDir Path dir) throws Exception {
        writeBundle(dir, "echo-wat", "/first");
        AtmoServer server = AtmoServer.start(options(dir, Duration.ofSeconds(60)).watch(true).build());
        Thread.sleep(1000); // the watcher's first look at the bundle, which later changes are compared with
        writeBundle(dir, "hang-initialize-wat", "/hanging");
        // the watcher sees the change within two polls (1 s); by then the reload is running the endless _initialize
        Thread.sleep(2000);
        assertThat(TestServers.send(server, "POST", "/first", "during").body()).isEqualTo("during");
        long start = System.nanoTime();
        server.close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("stopped during a hanging reload in %d ms%n", took.toMillis());
        // far below the 60 s deadline the reload would otherwise run into
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aDirectiveThatBreaksTheReloadDoesNotStopLaterFixesFromBeingPickedUp(@TempDir Path dir) throws Exception {
        writeBundle(dir, "echo-wat", "/first");
        try (AtmoServer server = AtmoServer.start(options(dir, Duration.ofSeconds(5)).watch(true).build())) {
            Thread.sleep(1000); // the watcher's first look at the bundle, which later changes are compared with
            Files.writeString(dir.resolve("Directive.yaml"), "identifier: x\nhandlers: " + "[".repeat(10_000) + "\n");
            Thread.sleep(2500);
            assertThat(TestServers.send(server, "POST", "/first", "old").body()).isEqualTo("old");
            writeBundle(dir, "echo-wat", "/fixed");
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    TestServers.send(server, "POST", "/fixed", "new").statusCode() == 200);
        }
    }
}
