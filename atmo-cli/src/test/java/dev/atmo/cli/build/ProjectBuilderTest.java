package dev.atmo.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.cli.project.Language;
import dev.atmo.cli.project.RunnableFolder;
import dev.atmo.cli.project.Scaffold;
import dev.atmo.cli.project.Sdk;
import dev.atmo.testing.RepositoryRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real builds of the C template (clang and make are installed where the tests run; see TOOLCHAINS.md). */
class ProjectBuilderTest {
    private static final Path SDK = RepositoryRoot.resolve("sdk");
    private static final byte[] WASM_MAGIC = {0, 'a', 's', 'm'};

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private static Scaffold scaffold() {
        return new Scaffold(Sdk.locate(Map.of(Sdk.DIR_VARIABLE, SDK.toString())));
    }

    @Test
    void everyRunnableIsBuiltIntoItsModuleAndReportedOnce(@TempDir Path dir) throws Exception {
        Path app = dir.resolve("app");
        RunnableFolder hello = scaffold().newProject(app, Language.C, "hello");
        RunnableFolder other = scaffold().addRunnable(app, "other-one", Language.C);

        List<BuildResult> results = new ProjectBuilder(System.getenv(), out).buildAll(List.of(hello, other));

        assertThat(results).extracting(BuildResult::runnable).containsExactly(hello, other);
        assertThat(results).allMatch(BuildResult::ok);
        for (RunnableFolder runnable : List.of(hello, other)) {
            byte[] module = Files.readAllBytes(runnable.module());
            assertThat(module).startsWith(WASM_MAGIC);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text.lines().toList()).hasSize(2)
                .anyMatch(l -> l.matches("building hello \\(c\\)\\.\\.\\. ok \\d+\\.\\d s"))
                .anyMatch(l -> l.matches("building other-one \\(c\\)\\.\\.\\. ok \\d+\\.\\d s"));
    }

    @Test
    void aCompilerErrorIsReportedWithTheCompilersOutput(@TempDir Path dir) throws Exception {
        RunnableFolder hello = scaffold().newProject(dir.resolve("app"), Language.C, "hello");
        Path source = hello.folder().resolve("runnable.c");
        Files.writeString(source, Files.readString(source) + "\nint broken = ;\n");

        BuildResult result = new ProjectBuilder(System.getenv(), out).build(hello);

        assertThat(result.outcome()).isEqualTo(BuildResult.Outcome.FAILED);
        assertThat(result.output()).contains("runnable.c:", "error:", "expected expression")
                .endsWith(" exited with 2\n");
        assertThat(hello.module()).doesNotExist();
        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith(result.summary() + "\n" + result.output());
    }

    @Test
    void aMissingToolchainIsReportedWithoutRunningAnything(@TempDir Path dir) throws Exception {
        RunnableFolder hello = scaffold().newProject(dir.resolve("app"), Language.C, "hello");
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("PATH", dir.resolve("no-bin").toString());

        BuildResult result = new ProjectBuilder(environment, out).build(hello);

        assertThat(result).isEqualTo(new BuildResult(hello, BuildResult.Outcome.TOOLCHAIN_MISSING,
                java.time.Duration.ZERO, "make not found on PATH; install it: apt-get install make", Optional.empty()));
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("""
                building hello (c)... toolchain missing
                make not found on PATH; install it: apt-get install make
                """);
    }

    @Test
    void aCompilerNamedByCcReplacesClang(@TempDir Path dir) {
        Map<String, String> environment = Map.of("PATH", "/usr/bin:/bin", "CC", dir.resolve("zig") + " cc");
        assertThat(new CToolchain(new Executables(environment), environment).missing())
                .contains(dir.resolve("zig") + " not found; install C for WebAssembly: " + CToolchain.INSTALL);
        Map<String, String> clang = Map.of("PATH", "/usr/bin:/bin", "CC", "clang");
        assertThat(new CToolchain(new Executables(clang), clang).missing()).isEmpty();
    }

    @Test
    void knownFailuresGetTheirFix() {
        Executables none = new Executables(Map.of());
        assertThat(new CToolchain(none, Map.of()).hint("wasm-ld: error: cannot open "
                + "/usr/lib/llvm-14/lib/clang/14.0.6/lib/wasi/libclang_rt.builtins-wasm32.a: No such file or directory"))
                .contains("the wasm32 compiler runtime is missing: apt-get install libclang-rt-dev-wasm32");
        assertThat(new CToolchain(none, Map.of()).hint("fatal error: 'stdio.h' file not found"))
                .contains("the WASI C library is missing: apt-get install wasi-libc");
        assertThat(new RustToolchain(none, Map.of()).hint("error[E0463]: can't find crate for `std`"))
                .contains("the wasm32-wasi standard library is missing: " + RustToolchain.INSTALL);
        assertThat(new RustToolchain(none, Map.of()).hint("error: unknown print request `split-debuginfo`"))
                .isPresent();
        assertThat(new CToolchain(none, Map.of()).hint("runnable.c:3:1: error: expected expression")).isEmpty();
    }
}
