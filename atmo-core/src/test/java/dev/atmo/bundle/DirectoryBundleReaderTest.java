package dev.atmo.bundle;

import static dev.atmo.bundle.TestBundles.DIRECTIVE;
import static dev.atmo.bundle.TestBundles.WASM;
import static dev.atmo.bundle.TestBundles.entries;
import static dev.atmo.bundle.TestBundles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atmo.directive.Mark;
import dev.atmo.directive.Problem;
import dev.atmo.directive.RunnableDecl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryBundleReaderTest {
    @TempDir
    Path dir;

    private static final String PROJECT_DIRECTIVE = """
            identifier: com.x
            appVersion: v0.1.0
            atmoVersion: v0.3.0
            handlers:
              - type: request
                method: POST
                resource: /hello
                steps:
                  - fn: hello
                  - fn: greetings::greet
            """;

    private static List<String> problemsOf(Path bundle) {
        try {
            BundleReader.defaults().read(bundle);
        } catch (BundleException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("expected the bundle to be rejected");
    }

    @Test
    void readsAnUnpackedBundle() throws IOException {
        write(dir, entries("Directive.yaml", DIRECTIVE, "hello.wasm", WASM, "world.wasm", WASM,
                "static/main.md", "## hello", "static/css/main.css", "body {}"));

        Bundle bundle = BundleReader.defaults().read(dir);

        assertThat(bundle.source()).isEqualTo(dir.toString());
        assertThat(bundle.modules()).containsOnlyKeys("com.x#default::hello@v0.1.0", "com.x#default::world@v0.1.0");
        assertThat(bundle.modules().get("com.x#default::hello@v0.1.0").entryName()).isEqualTo("hello.wasm");
        assertThat(bundle.staticFiles().names()).containsExactly("css/main.css", "main.md");
        assertThat(bundle.staticFiles().get("./css/main.css")).hasValueSatisfying(
                bytes -> assertThat(new String(bytes)).isEqualTo("body {}"));
        assertThat(bundle.directive().runnables().getFirst().mark())
                .isEqualTo(new Mark(dir.resolve("Directive.yaml").toString(), 5, 5));
    }

    @Test
    void readsAProjectWithRunnableDirectories() throws IOException {
        write(dir, entries("Directive.yaml", PROJECT_DIRECTIVE,
                "hello/.runnable.yaml", "lang: rust\napiVersion: 0.12.0\n", "hello/hello.wasm", WASM,
                "hello/src/lib.rs", "fn main() {}",
                "greet/.runnable.yml", "name: greet\nnamespace: greetings\nlang: assemblyscript\n",
                "greet/build/module.wasm", WASM, "greet/greet.wasm", new byte[]{9},
                "docs/readme.md", "not a runnable"));

        Bundle bundle = BundleReader.defaults().read(dir);

        assertThat(bundle.directive().runnables()).extracting(RunnableDecl::namespacedName, RunnableDecl::lang)
                .containsExactlyInAnyOrder(tuple("default::hello", "rust"),
                        tuple("greetings::greet", "assemblyscript"));
        assertThat(bundle.module("hello")).map(RunnableModuleSource::entryName).contains("hello/hello.wasm");
        assertThat(bundle.module("greetings::greet")).map(RunnableModuleSource::wasm).contains(new byte[]{9});
        assertThat(bundle.staticFiles().names()).isEmpty();
    }

    @Test
    void aRunnableDirectoryWithoutBuiltModuleIsReportedAtItsRunnableFile() throws IOException {
        write(dir, entries("Directive.yaml", PROJECT_DIRECTIVE.replace("      - fn: greetings::greet\n", ""),
                "hello/.runnable.yaml", "name: hello\n"));
        assertThat(problemsOf(dir)).containsExactly(
                dir.resolve("hello/.runnable.yaml") + ":1:1: missing module for Runnable com.x#default::hello@v0.1.0");
    }

    @Test
    void aBrokenRunnableFileIsReportedWithTheRest() throws IOException {
        write(dir, entries("Directive.yaml", DIRECTIVE, "hello.wasm", WASM, "world.wasm", WASM,
                "extra/.runnable.yaml", "name: [extra]\n"));
        assertThat(problemsOf(dir)).containsExactly(
                dir.resolve("extra/.runnable.yaml") + ":1:7: name must be a single value, found a list");
    }

    @Test
    void aDirectoryWithoutDirectiveIsRejected() throws IOException {
        write(dir, entries("hello.wasm", WASM));
        assertThatThrownBy(() -> BundleReader.defaults().read(dir))
                .isInstanceOf(BundleException.class)
                .hasMessage("bundle " + dir + " is missing Directive.yaml");
    }

    @Test
    void aModuleLargerThanTheCapIsRejected() throws IOException {
        write(dir, entries("Directive.yaml", DIRECTIVE, "hello.wasm", new byte[2048], "world.wasm", WASM));
        BundleReader reader = BundleReader.builder().maxEntryBytes(1024).build();
        assertThatThrownBy(() -> reader.read(dir))
                .isInstanceOf(BundleException.class)
                .hasMessage("bundle " + dir + " entry hello.wasm is larger than the limit of 1024 bytes (maxEntryBytes)");
    }

    @Test
    void staticFilesNeverLeaveTheStaticDirectory() throws IOException {
        write(dir, entries("Directive.yaml", DIRECTIVE, "hello.wasm", WASM, "world.wasm", WASM,
                "secret.txt", "top secret", "static/public.txt", "hello", "static/nested/inner.txt", "inner"));
        Files.createSymbolicLink(dir.resolve("static/link.txt"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(dir.resolve("static/up"), dir);
        Files.createSymbolicLink(dir.resolve("static/alias.txt"), Path.of("nested/inner.txt"));

        StaticFiles files = BundleReader.defaults().read(dir).staticFiles();

        assertThat(files.get("public.txt")).isPresent();
        assertThat(files.get("alias.txt")).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("inner"));
        assertThat(files.get("link.txt")).isEmpty();
        assertThat(files.get("up/secret.txt")).isEmpty();
        assertThat(files.get("../secret.txt")).isEmpty();
        assertThat(files.get("nested/../../secret.txt")).isEmpty();
        assertThat(files.get("//" + dir.resolve("secret.txt"))).isEmpty();
        assertThat(files.get("nested")).isEmpty();
        assertThat(files.get("missing.txt")).isEqualTo(Optional.empty());
        assertThat(files.names()).containsExactly("alias.txt", "nested/inner.txt", "public.txt");
    }
}
