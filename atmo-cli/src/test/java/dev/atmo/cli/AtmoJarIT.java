package dev.atmo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.testing.RepositoryRoot;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built {@code atmo.jar}, run as its own process on a real port. */
class AtmoJarIT {
    static final Path ROOT = RepositoryRoot.path();

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static ProcessBuilder atmo(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("atmo.jar")));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(RepositoryRoot.path().toFile()).redirectErrorStream(true);
    }

    static String run(Process process) throws Exception {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("process finished").isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** POSTs {@code world} to /hello until the server answers; fails if it never does. */
    static HttpResponse<String> helloWorld(Process process, int port) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
                .POST(HttpRequest.BodyPublishers.ofString("world")).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        HttpResponse<String> response = null;
        while (response == null && Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        assertThat(response).as("server answered").isNotNull();
        return response;
    }

    /**
     * Writes a bundle of the hello example and the ABI exerciser {@code abi-a-rust}, each at {@code POST /<name>},
     * under atmoVersion v0.3.0. The exerciser has no generation marker, so a forced generation shows in its answer
     * to {@code cache_get nothing-here}: {@code rc=-2} as A, {@code rc=-13} as B. (hello exports the B marker and is
     * B whatever is forced, so it cannot show that.)
     */
    static Path abiBundle(Path dir) throws IOException {
        Files.copy(ROOT.resolve("examples/hello/hello/hello.wasm"), dir.resolve("hello.wasm"));
        Files.copy(ROOT.resolve("testdata/runnables/wasm/abi-a-rust.wasm"), dir.resolve("abi-a-rust.wasm"));
        Files.writeString(dir.resolve("Directive.yaml"), """
                identifier: com.example.abi
                appVersion: v0.1.0
                atmoVersion: v0.3.0
                runnables:
                  - name: hello
                    namespace: default
                  - name: abi-a-rust
                    namespace: default
                handlers:
                  - type: request
                    method: POST
                    resource: /hello
                    steps:
                      - fn: hello
                  - type: request
                    method: POST
                    resource: /abi-a-rust
                    steps:
                      - fn: abi-a-rust
                """);
        return dir;
    }

    @Test
    void startServesTheHelloExample() throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("atmo", ".log");
        Process process = atmo("start", "--port", String.valueOf(port), "examples/hello")
                .redirectOutput(log.toFile()).start();
        try {
            HttpResponse<String> response = helloWorld(process, port);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello world");
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(log)).contains("serving on 0.0.0.0:" + port);
    }

    @Test
    void aSecondStartLoadsTheModuleFromTheModuleCacheAndAnswersTheSame() throws Exception {
        Path cache = Files.createTempDirectory("atmo-cache").resolve("modules");
        List<String> answers = new ArrayList<>();
        for (int start = 0; start < 2; start++) {
            int port = freePort();
            ProcessBuilder builder = start == 0
                    ? atmo("start", "--port", String.valueOf(port), "--module-cache", cache.toString(), "examples/hello")
                    : atmo("start", "--port", String.valueOf(port), "examples/hello");
            builder.environment().put("ATMO_MODULE_CACHE", cache.toString());
            Path log = Files.createTempFile("atmo", ".log");
            Process process = builder.redirectOutput(log.toFile()).start();
            try {
                HttpResponse<String> response = helloWorld(process, port);
                answers.add(response.statusCode() + " " + response.body());
                if (start == 0) {
                    // compiled (and cached) in the background while the first answers are interpreted; the
                    // second start finds it in the cache and loads it at once
                    Awaitility.await().atMost(Duration.ofSeconds(60))
                            .until(() -> Files.readString(log).contains("Runnable hello compiled in"));
                }
            } finally {
                process.destroy();
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(Files.readString(log)).contains("compiled modules are cached in " + cache);
            try (var entries = Files.list(cache)) {
                Path entry = entries.filter(f -> f.getFileName().toString().endsWith(".bin")).findFirst().orElseThrow();
                if (start == 0) {
                    Files.setLastModifiedTime(entry, java.nio.file.attribute.FileTime.fromMillis(0));
                } else {
                    assertThat(Files.getLastModifiedTime(entry).toMillis()).as("read, not written again").isZero();
                }
            }
        }
        assertThat(answers).containsExactly("200 hello world", "200 hello world");
    }

    @Test
    void startRefusesAModuleCacheOthersCanWrite() throws Exception {
        Path cache = Files.createTempDirectory("atmo-cache");
        Files.setPosixFilePermissions(cache, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Process process = atmo("start", "--port", String.valueOf(freePort()), "--module-cache", cache.toString(),
                "examples/hello").start();
        String output = run(process);
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("atmo: not starting: module cache " + cache + " is writable by its group or by "
                + "others (mode rwxrwxrwx)").doesNotContain("serving on");
    }

    @Test
    void portAndAbiComeFromTheEnvironmentWhenNotGiven(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("atmo", ".log");
        ProcessBuilder builder = atmo("start", abiBundle(dir).toString()).redirectOutput(log.toFile());
        builder.environment().put("ATMO_HTTP_PORT", String.valueOf(port));
        builder.environment().put("ATMO_ABI", "B");
        builder.environment().put("ATMO_BUNDLE_PATH", "does-not-matter");
        Process process = builder.start();
        try {
            HttpResponse<String> response = helloWorld(process, port);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello world");
            // an A-generation exerciser answers as B only because ATMO_ABI says so
            assertThat(OperationsJarIT.post(port, "/abi-a-rust", "cache_get nothing-here").body())
                    .isEqualTo("rc=-13");
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(log)).contains("Runnable abi-a-rust uses Runnable ABI B");
    }

    @Test
    void validateListsEveryProblemWithItsLine() throws Exception {
        Process process = atmo("validate", "testdata/bundles/broken").start();
        String output = run(process);
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains(
                "Directive.yaml:2:13: app version is not a valid semantic version",
                "Directive.yaml:9:5: handler resource must begin with leading slash '/': hello",
                "Directive.yaml:13:9: handler for POST hello lists fn at step 0 that does not exist: nothere",
                "Directive.yaml:14:5: handler for resource /nomethod has type 'request', but does not specify a method",
                "Directive.yaml:18:5: handler for resource /x has invalid type, must be 'request' or 'stream'",
                "Directive.yaml:24:5: schedule never has no 'every' values",
                "6 problems found");
    }

    @Test
    void startRefusesABrokenBundleWithoutServing() throws Exception {
        int port = freePort();
        Process process = atmo("start", "--port", String.valueOf(port), "testdata/bundles/broken").start();
        String output = run(process);
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("app version is not a valid semantic version")
                .contains("atmo: not starting").doesNotContain("serving on");
    }

    @Test
    void startOnAMissingBundleSaysSo() throws Exception {
        Process process = atmo("start", "--port", String.valueOf(freePort()), "no/such/bundle.zip").start();
        String output = run(process);
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("no/such/bundle.zip");
    }

    @Test
    void versionAndHelp() throws Exception {
        Process version = atmo("--version").start();
        assertThat(run(version)).startsWith("atmo ");
        assertThat(version.exitValue()).isZero();
        Process help = atmo("start", "--help").start();
        assertThat(run(help)).contains("ATMO_HTTP_PORT", "ATMO_BUNDLE_PATH", "headless", "ATMO_MODULE_CACHE");
    }

}
