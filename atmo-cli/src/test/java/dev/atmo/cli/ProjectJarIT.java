package dev.atmo.cli;

import static dev.atmo.cli.AtmoJarIT.atmo;
import static dev.atmo.cli.AtmoJarIT.freePort;
import static dev.atmo.cli.AtmoJarIT.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.testing.RepositoryRoot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A user's first hour, through the built jar and the real toolchains: {@code atmo new}, {@code atmo build
 * --bundle}, {@code atmo start} and {@code atmo dev}, for each language the jar carries an SDK for.
 */
class ProjectJarIT {
    /** Generous: the first build of a Runnable may download the AssemblyScript compiler from npm. */
    private static final Duration BUILD = Duration.ofMinutes(5);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    static Process inDirectory(Path dir, String... args) throws IOException {
        return atmo(args).directory(dir.toFile()).start();
    }

    static String runIn(Path dir, String... args) throws Exception {
        Process process = atmo(args).directory(dir.toFile()).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(BUILD.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("exit value of atmo %s, which printed:%n%s", List.of(args), output)
                .isZero();
        return output;
    }

    /** {@code atmo dev} on {@code port} in the project {@code app}, its output going to {@code log}. */
    static Process dev(Path app, int port, Path log) throws IOException {
        return atmo("dev", "--port", String.valueOf(port)).directory(app.toFile()).redirectOutput(log.toFile())
                .start();
    }

    /** Stops atmo as a service manager would, with SIGTERM, and waits for it to end. */
    static void stop(Process process) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("atmo stopped").isTrue();
    }

    /** The answer to a POST, or empty while nothing listens on the port. */
    static Optional<String> post(int port, String path, String body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return Optional.of(response.statusCode() + " " + response.body());
        } catch (IOException notListening) {
            return Optional.empty();
        }
    }

    /** Waits (generously) until the route gives {@code expected}. */
    static void awaitAnswer(Process process, int port, String path, String body, String expected) {
        Awaitility.await().atMost(BUILD).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    assertThat(process.isAlive()).as("atmo is running").isTrue();
                    return post(port, path, body).filter(expected::equals).isPresent();
                });
    }

    /** The template's source file: the one that makes the {@code hello } greeting. */
    static Path greetingSource(Path runnable) throws IOException {
        try (Stream<Path> files = Files.list(runnable)) {
            return files.filter(f -> f.toString().matches(".*\\.(rs|ts|c)$"))
                    .filter(f -> {
                        try {
                            return Files.readString(f).contains("\"hello ");
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .findFirst().orElseThrow(() -> new AssertionError("no source in " + runnable + " says hello"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "assemblyscript", "c"})
    void aNewProjectWithASecondRunnableBuildsBundlesAndServesBothRoutes(String lang, @TempDir Path dir)
            throws Exception {
        assertThat(runIn(dir, "new", "project", "app", "--lang", lang)).contains(
                "created app: Directive.yaml routes POST /hello to hello (" + lang + ") in app/hello");
        Path app = dir.resolve("app");
        assertThat(runIn(app, "new", "runnable", "x", "--lang", lang, "--route", "POST", "/x"))
                .isEqualTo("created x (" + lang + ") in x; POST /x calls it\n");
        String build = runIn(app, "build", "--bundle");
        assertThat(build).containsPattern("building hello \\(" + lang + "\\)\\.\\.\\. ok \\d+\\.\\d s")
                .containsPattern("building x \\(" + lang + "\\)\\.\\.\\. ok \\d+\\.\\d s")
                .containsPattern("built 2 Runnables in \\d+\\.\\d s")
                .contains("wrote runnables.wasm.zip: 2 Runnables, 0 static files");

        int port = freePort();
        Process server = inDirectory(app, "start", "--port", String.valueOf(port), "runnables.wasm.zip");
        try {
            awaitAnswer(server, port, "/hello", "world", "200 hello world");
            assertThat(post(port, "/x", "there")).contains("200 hello there");
            assertThat(post(port, "/hello", "again")).contains("200 hello again");
        } finally {
            stop(server);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "assemblyscript", "c"})
    void devServesAnEditWithinSecondsAndKeepsTheLastGoodBuildWhenAnEditDoesNotCompile(String lang,
            @TempDir Path dir) throws Exception {
        runIn(dir, "new", "project", "app", "--lang", lang);
        Path app = dir.resolve("app");
        Path log = dir.resolve("dev.log");
        int port = freePort();
        Process dev = dev(app, port, log);
        try {
            awaitAnswer(dev, port, "/hello", "world", "200 hello world");
            assertThat(Files.readString(log)).containsPattern("building hello \\(" + lang + "\\)\\.\\.\\. ok");

            Path source = greetingSource(app.resolve("hello"));
            Files.writeString(source, Files.readString(source).replace("\"hello ", "\"howdy "));
            awaitAnswer(dev, port, "/hello", "world", "200 howdy world");
            // log lines are written in batches, a moment after the swap they report
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("reloaded"));

            Files.writeString(source, Files.readString(source) + "\nthis is not valid code (\n");
            Awaitility.await().atMost(BUILD).until(() -> Files.readString(log)
                    .contains("still serving the previous build of hello; fix the error and save again"));
            String output = Files.readString(log);
            String failure = output.substring(output.indexOf("building hello (" + lang + ")... failed"));
            assertThat(failure).as("the compiler's own message, naming the file")
                    .contains(source.getFileName().toString()).containsIgnoringCase("error");
            assertThat(post(port, "/hello", "world")).contains("200 howdy world");
        } finally {
            stop(dev);
        }
        assertThat(dev.exitValue()).as("a stop by SIGTERM is clean").isZero();
        assertThat(Files.readString(log)).contains("stopped");
    }

    @Test
    void aRunnableAddedWhileDevRunsIsBuiltAndItsRouteServed(@TempDir Path dir) throws Exception {
        runIn(dir, "new", "project", "app", "--lang", "c");
        Path app = dir.resolve("app");
        Path log = dir.resolve("dev.log");
        int port = freePort();
        Process dev = dev(app, port, log);
        try {
            awaitAnswer(dev, port, "/hello", "world", "200 hello world");
            runIn(app, "new", "runnable", "second", "--lang", "c", "--route", "POST", "/second");
            awaitAnswer(dev, port, "/second", "there", "200 hello there");
            assertThat(Files.readString(log)).containsPattern("building second \\(c\\)\\.\\.\\. ok");
            assertThat(post(port, "/hello", "world")).contains("200 hello world");
        } finally {
            stop(dev);
        }
    }

    @Test
    void aRunnableOfAnotherLanguageIsBundledAsItWasBuilt(@TempDir Path dir) throws Exception {
        runIn(dir, "new", "project", "app", "--lang", "c");
        Path app = dir.resolve("app");
        Path echo = Files.createDirectories(app.resolve("echo"));
        Files.writeString(echo.resolve(".runnable.yaml"), "name: echo\nnamespace: default\nlang: tinygo\n");
        Files.copy(RepositoryRoot.resolve("testdata/runnables/wasm/echo-wat.wasm"),
                echo.resolve("echo.wasm"));
        Files.writeString(app.resolve("Directive.yaml"), Files.readString(app.resolve("Directive.yaml")) + """
                  - type: request
                    method: POST
                    resource: /echo
                    steps:
                      - fn: echo
                """);

        String build = runIn(app, "build", "--bundle");
        assertThat(build.lines().toList()).first().isEqualTo("skipping echo (tinygo): atmo build builds rust, "
                + "assemblyscript and c; its module is used as it is");
        assertThat(build).containsPattern("building hello \\(c\\)\\.\\.\\. ok")
                .contains("built 1 Runnable in ", "wrote runnables.wasm.zip: 2 Runnables, 0 static files");

        int port = freePort();
        Process server = inDirectory(app, "start", "--port", String.valueOf(port), "runnables.wasm.zip");
        try {
            awaitAnswer(server, port, "/echo", "same", "200 same");
            assertThat(post(port, "/hello", "world")).contains("200 hello world");
        } finally {
            stop(server);
        }
    }

    @Test
    void devWhoseFirstBuildFailsServesOnceTheSourceIsFixed(@TempDir Path dir) throws Exception {
        runIn(dir, "new", "project", "app", "--lang", "c");
        Path app = dir.resolve("app");
        Path source = app.resolve("hello/runnable.c");
        String good = Files.readString(source);
        Files.writeString(source, good + "\nthis is not valid code (\n");
        Path log = dir.resolve("dev.log");
        int port = freePort();
        Process dev = dev(app, port, log);
        try {
            Awaitility.await().atMost(BUILD).until(() -> Files.readString(log)
                    .contains("atmo dev: not serving yet, the project has 1 problem; watching for changes"));
            assertThat(Files.readString(log)).contains("building hello (c)... failed", "runnable.c:",
                    "missing module for Runnable com.example.app#default::hello@v0.1.0");
            assertThat(post(port, "/hello", "world")).isEmpty();

            Files.writeString(source, good);
            awaitAnswer(dev, port, "/hello", "world", "200 hello world");
        } finally {
            stop(dev);
        }
    }
}
