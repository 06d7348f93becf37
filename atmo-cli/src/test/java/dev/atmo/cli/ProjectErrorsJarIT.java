package dev.atmo.cli;

import static dev.atmo.cli.AtmoJarIT.atmo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code atmo new} and {@code atmo build} say, and exit with, when they refuse. */
class ProjectErrorsJarIT {

    record Outcome(int exit, String output) {
    }

    static Outcome atmoIn(Path dir, java.util.Map<String, String> environment, String... args) throws Exception {
        ProcessBuilder builder = atmo(args).directory(dir.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Outcome(process.exitValue(), output);
    }

    static Outcome atmoIn(Path dir, String... args) throws Exception {
        return atmoIn(dir, java.util.Map.of(), args);
    }

    @Test
    void anUnknownLanguageIsAnsweredWithTheKnownOnes(@TempDir Path dir) throws Exception {
        assertThat(atmoIn(dir, "new", "project", "app", "--lang", "go")).isEqualTo(new Outcome(2,
                "atmo new project: unknown language 'go'; known languages: rust, assemblyscript (as, ts, typescript), "
                        + "c\n"));
        assertThat(dir.resolve("app")).doesNotExist();
    }

    @Test
    void anInvalidRunnableNameIsRefused(@TempDir Path dir) throws Exception {
        assertThat(atmoIn(dir, "new", "project", "app", "--name", "Hello_World")).isEqualTo(new Outcome(2,
                "atmo new project: invalid Runnable name 'Hello_World': use lowercase letters, digits and '-', "
                        + "starting with a letter and not ending with '-' (for example hello-world)\n"));
        assertThat(dir.resolve("app")).doesNotExist();
    }

    @Test
    void aNonEmptyDirectoryIsRefused(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/notes.txt"), "mine");
        assertThat(atmoIn(dir, "new", "project", "app")).isEqualTo(new Outcome(1,
                "atmo new project: app is not empty; atmo new project creates a new project in an empty or missing "
                        + "directory\n"));
        try (var files = Files.list(dir.resolve("app"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("notes.txt");
        }
    }

    @Test
    void anExistingRunnableFolderIsRefusedAndTheDirectiveKeptAsItWas(@TempDir Path dir) throws Exception {
        assertThat(atmoIn(dir, "new", "project", "app", "--lang", "c").exit()).isZero();
        Path app = dir.resolve("app");
        String directive = Files.readString(app.resolve("Directive.yaml"));
        assertThat(atmoIn(app, "new", "runnable", "hello", "--lang", "c", "--route", "POST", "/again"))
                .isEqualTo(new Outcome(1, "atmo new runnable: hello already exists; choose another name\n"));
        assertThat(Files.readString(app.resolve("Directive.yaml"))).isEqualTo(directive);
    }

    @Test
    void aRouteThatConflictsIsRefusedWithTheDirectiveProblem(@TempDir Path dir) throws Exception {
        assertThat(atmoIn(dir, "new", "project", "app", "--lang", "c").exit()).isZero();
        Path app = dir.resolve("app");
        String directive = Files.readString(app.resolve("Directive.yaml"));
        assertThat(atmoIn(app, "new", "runnable", "second", "--lang", "c", "--route", "POST", "/hello"))
                .isEqualTo(new Outcome(1, """
                        atmo new runnable: found 1 problems in Directive.yaml:
                        \tDirective.yaml:12:5: handler for POST /hello at line 12 conflicts with handler for POST \
                        /hello at line 7: the same method and path are registered twice
                        Directive.yaml left unchanged (the lines above are those it would have had with the addition)
                        """));
        assertThat(app.resolve("second")).doesNotExist();
        assertThat(Files.readString(app.resolve("Directive.yaml"))).isEqualTo(directive);
    }

    @Test
    void aMissingCCompilerNamesTheDebianPackages(@TempDir Path dir) throws Exception {
        assertThat(atmoIn(dir, "new", "project", "app", "--lang", "c").exit()).isZero();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path make = Files.createSymbolicLink(bin.resolve("make"), Path.of("/usr/bin/make"));
        assertThat(atmoIn(dir.resolve("app"), java.util.Map.of("PATH", bin.toString()), "build"))
                .isEqualTo(new Outcome(1, """
                        building hello (c)... toolchain missing
                        clang not found on PATH; install C for WebAssembly: apt-get install clang lld wasi-libc \
                        libclang-rt-dev-wasm32
                        1 of 1 Runnables failed to build
                        """));
        Files.delete(make);
    }

    @Test
    void aMissingNodeNamesNodeJsAndNpm(@TempDir Path dir) throws Exception {
        assertThat(atmoIn(dir, "new", "project", "app", "--lang", "ts").exit()).isZero();
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(atmoIn(dir.resolve("app"), java.util.Map.of("PATH", empty.toString()), "build"))
                .isEqualTo(new Outcome(1, """
                        building hello (assemblyscript)... toolchain missing
                        node not found on PATH; install Node.js and npm: apt-get install nodejs npm (or Node.js \
                        from nodejs.org, which includes npm)
                        1 of 1 Runnables failed to build
                        """));
    }

    @Test
    void aMissingCargoNamesTheDebianPackages(@TempDir Path dir) throws Exception {
        assertThat(atmoIn(dir, "new", "project", "app").exit()).isZero();
        assertThat(atmoIn(dir.resolve("app"), java.util.Map.of("ATMO_CARGO", "/nowhere/cargo"), "build"))
                .isEqualTo(new Outcome(1, """
                        building hello (rust)... toolchain missing
                        cargo not found at ATMO_CARGO=/nowhere/cargo; install Rust for WebAssembly: apt-get install \
                        rustc cargo libstd-rust-dev-wasm32 lld
                        1 of 1 Runnables failed to build
                        """));
    }

    @Test
    void aCompilerErrorIsPrintedAndTheBuildFails(@TempDir Path dir) throws Exception {
        assertThat(atmoIn(dir, "new", "project", "app", "--lang", "c").exit()).isZero();
        Path source = dir.resolve("app/hello/runnable.c");
        Files.writeString(source, Files.readString(source).replace("atmo_ok(", "atmo_okk("));
        Outcome outcome = atmoIn(dir.resolve("app"), "build", "--bundle");
        assertThat(outcome.exit()).isEqualTo(1);
        assertThat(outcome.output()).containsPattern("building hello \\(c\\)\\.\\.\\. failed \\d+\\.\\d s\n")
                .contains("runnable.c:", "atmo_okk")
                .endsWith("1 of 1 Runnables failed to build\n")
                .doesNotContain("wrote");
        assertThat(dir.resolve("app/runnables.wasm.zip")).doesNotExist();
    }

    @Test
    void devOutsideAProjectSaysWhereItLooked(@TempDir Path dir) throws Exception {
        assertThat(atmoIn(dir, "dev")).isEqualTo(new Outcome(1, "atmo dev: " + dir.toRealPath() + " has no "
                + "Directive.yaml; run it in a project directory (see atmo new project)\n"));
    }

    @Test
    void devOnAPortInUseStopsWithTheReason(@TempDir Path dir) throws Exception {
        assertThat(atmoIn(dir, "new", "project", "app", "--lang", "c").exit()).isZero();
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            Outcome outcome = atmoIn(dir.resolve("app"), "dev", "--host", "127.0.0.1", "--port",
                    String.valueOf(taken.getLocalPort()));
            assertThat(outcome.exit()).isEqualTo(1);
            assertThat(outcome.output()).containsPattern("building hello \\(c\\)\\.\\.\\. ok")
                    .doesNotContain("serving on");
            assertThat(outcome.output().lines().filter(l -> l.startsWith("atmo dev: "))).containsExactly(
                    "atmo dev: not starting: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the port is "
                            + "already in use by another process; stop it, or choose another port with --port N (env "
                            + "ATMO_HTTP_PORT)");
        }
    }
}
