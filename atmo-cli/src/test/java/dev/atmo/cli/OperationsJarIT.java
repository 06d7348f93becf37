package dev.atmo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operating the built jar: graceful stop under load, and a packaged bundle serving like its directory. */
class OperationsJarIT {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    static Process startAndWait(int port, Path log, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("start", "--host", "127.0.0.1", "--port", String.valueOf(port)));
        args.addAll(List.of(extra));
        return startAndWait(AtmoJarIT.atmo(args.toArray(String[]::new)), log);
    }

    /** Starts {@code command} with its output in {@code log} and waits until it serves. */
    static Process startAndWait(ProcessBuilder command, Path log) throws Exception {
        Process process = command.redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            if (Files.readString(log).contains("serving on")) {
                return process;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("atmo did not start: " + Files.readString(log));
    }

    static HttpResponse<String> post(int port, String path, String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sigtermUnderLoadLosesNoAcceptedRequest(@TempDir Path dir) throws Exception {
        int port = AtmoJarIT.freePort();
        Path log = dir.resolve("atmo.log");
        Process process = startAndWait(port, log, "--no-run-schedules", "testdata/bundles/example-project");
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8; i++) {
            inFlight.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return post(port, "/slow", "1500");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, clients));
        }
        Instant accepted = Instant.now().plus(Duration.ofSeconds(30));
        while (Files.readString(log).split("POST /slow request_id", -1).length - 1 < 8) {
            assertThat(Instant.now()).as("all 8 requests reached the server").isBefore(accepted);
            Thread.sleep(20);
        }
        process.destroy();
        for (CompletableFuture<HttpResponse<String>> request : inFlight) {
            HttpResponse<String> response = request.get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("slept 1500");
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(Files.readString(log)).contains("stopped");
        clients.shutdown();
    }

    @Test
    void aPackagedBundleServesLikeItsDirectory(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("runnables.wasm.zip");
        Process bundle = AtmoJarIT.atmo("bundle", "testdata/bundles/example-project", "-o", zip.toString()).start();
        String output = AtmoJarIT.run(bundle);
        assertThat(bundle.exitValue()).as(output).isZero();
        assertThat(output).contains("wrote " + zip);

        int fromDir = AtmoJarIT.freePort();
        int fromZip = AtmoJarIT.freePort();
        Process a = startAndWait(fromDir, dir.resolve("dir.log"), "--no-run-schedules", "testdata/bundles/example-project");
        Process b = startAndWait(fromZip, dir.resolve("zip.log"), "--no-run-schedules", zip.toString());
        try {
            String people = "[{\"name\":\"Ada\"},{\"name\":\"Grace\"}]";
            for (String[] call : new String[][] {{"/hello", "world"}, {"/foreach", people}, {"/with", ""},
                    {"/return", "x"}, {"/group", "main.md"}}) {
                HttpResponse<String> x = post(fromDir, call[0], call[1]);
                HttpResponse<String> y = post(fromZip, call[0], call[1]);
                assertThat(y.statusCode()).as(call[0]).isEqualTo(x.statusCode());
                assertThat(y.body()).as(call[0]).isEqualTo(x.body());
            }
            assertThat(post(fromZip, "/group", "main.md").body()).isEqualTo("## hello");
        } finally {
            a.destroy();
            b.destroy();
            a.waitFor(30, TimeUnit.SECONDS);
            b.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void bundleRefusesAnInvalidProject(@TempDir Path dir) throws Exception {
        Process bundle = AtmoJarIT.atmo("bundle", "testdata/bundles/broken", "-o", dir.resolve("x.zip").toString()).start();
        String output = AtmoJarIT.run(bundle);
        assertThat(bundle.exitValue()).isEqualTo(1);
        assertThat(output).contains("app version is not a valid semantic version").contains("nothing written");
        assertThat(dir.resolve("x.zip")).doesNotExist();
    }

    @Test
    void theAdminPageMovesWithAdminPathAndAdminPort(@TempDir Path dir) throws Exception {
        int port = AtmoJarIT.freePort();
        int admin = AtmoJarIT.freePort();
        Process process = startAndWait(port, dir.resolve("atmo.log"), "--admin-path", "/ops/", "--admin-port",
                String.valueOf(admin), "examples/hello");
        try {
            post(port, "/hello", "admin");
            HttpResponse<String> status = CLIENT.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + admin + "/ops/status")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.body()).contains("\"name\":\"POST /hello\",\"requests\":1,\"errors\":0");
            HttpResponse<String> page = CLIENT.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + admin + "/ops/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("POST /hello");
            assertThat(CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ops/")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void jsonLogLinesHaveTheOriginalShape(@TempDir Path dir) throws Exception {
        int port = AtmoJarIT.freePort();
        Path log = dir.resolve("atmo.log");
        Process process = startAndWait(port, log, "--log-format", "json", "examples/hello");
        try {
            post(port, "/hello", "json");
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        String first = Files.readAllLines(log).get(0);
        assertThat(first).startsWith("{\"log_message\":\"(I) starting Atmo ")
                .contains("\"level\":3,\"app\":{\"atmo_version\":\"");
    }
}
