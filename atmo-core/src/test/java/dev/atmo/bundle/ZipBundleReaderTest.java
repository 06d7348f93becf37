package dev.atmo.bundle;

import static dev.atmo.bundle.TestBundles.DIRECTIVE;
import static dev.atmo.bundle.TestBundles.WASM;
import static dev.atmo.bundle.TestBundles.entries;
import static dev.atmo.bundle.TestBundles.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atmo.directive.Problem;
import dev.atmo.directive.RunnableDecl;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipBundleReaderTest {
    private static final String TWO_GETS = """
            identifier: com.x
            appVersion: v0.1.0
            atmoVersion: v0.3.0
            runnables:
              - name: get
                namespace: users
              - name: get
                namespace: orders
            """;

    @TempDir
    Path dir;

    private Path bundle(Object... entries) throws IOException {
        return zip(dir.resolve("runnables.wasm.zip"), entries(entries));
    }

    private static List<String> problemsOf(Path bundle) {
        return problemsOf(bundle, BundleReader.defaults());
    }

    private static List<String> problemsOf(Path bundle, BundleReader reader) {
        try {
            reader.read(bundle);
        } catch (BundleException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("expected the bundle to be rejected");
    }

    @Test
    void readsModulesAndStaticFilesOfAZip() throws IOException {
        Path zip = bundle("Directive.yaml", DIRECTIVE, "hello.wasm", WASM, "world.wasm", WASM,
                "static/", new byte[0], "static/main.md", "## hello", "static/css/main.css", "body {}",
                "notes.txt", "ignored");

        Bundle bundle = BundleReader.defaults().read(zip);

        assertThat(bundle.source()).isEqualTo(zip.toString());
        assertThat(bundle.warnings()).isEmpty();
        assertThat(bundle.modules()).containsOnlyKeys("com.x#default::hello@v0.1.0", "com.x#default::world@v0.1.0");
        RunnableModuleSource hello = bundle.modules().get("com.x#default::hello@v0.1.0");
        assertThat(hello.entryName()).isEqualTo("hello.wasm");
        assertThat(hello.runnable().name()).isEqualTo("hello");
        assertThat(hello.wasm()).isEqualTo(WASM);
        assertThat(bundle.module("world")).map(RunnableModuleSource::entryName).contains("world.wasm");
        assertThat(bundle.staticFiles().names()).containsExactly("css/main.css", "main.md");
        assertThat(bundle.staticFiles().get("/main.md")).hasValueSatisfying(
                bytes -> assertThat(new String(bytes)).isEqualTo("## hello"));
    }

    @Test
    void aZipWithoutDirectiveIsRejected() throws IOException {
        Path zip = bundle("hello.wasm", WASM);
        assertThatThrownBy(() -> BundleReader.defaults().read(zip))
                .isInstanceOf(BundleException.class)
                .hasMessage("bundle " + zip + " is missing Directive.yaml");
    }

    @Test
    void aFileThatIsNotAZipIsRejectedClearly() throws IOException {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        Path file = Files.write(dir.resolve("runnables.wasm.zip"), noise);

        assertThatThrownBy(() -> BundleReader.defaults().read(file))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith("bundle " + file + " is not a valid zip file: ");
    }

    @Test
    void aMissingBundleIsRejected() {
        Path missing = dir.resolve("nope.zip");
        assertThatThrownBy(() -> BundleReader.defaults().read(missing))
                .isInstanceOf(BundleException.class)
                .hasMessage("bundle " + missing + " does not exist (looked for " + missing.toAbsolutePath().normalize()
                        + "); give the path of a runnables.wasm.zip or of a bundle directory holding Directive.yaml");
    }

    @Test
    void tooManyEntriesHitTheEntryCap() throws IOException {
        Path zip = dir.resolve("many.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream stream = new ZipOutputStream(out)) {
            for (int i = 0; i < 20_000; i++) {
                stream.putNextEntry(new ZipEntry("static/f" + i));
                stream.closeEntry();
            }
        }
        assertThatThrownBy(() -> BundleReader.defaults().read(zip))
                .isInstanceOf(BundleException.class)
                .hasMessage("bundle " + zip + " has more than the limit of 10000 entries (maxEntries)");
    }

    @Test
    void anEntryInflatingPastTheCapIsStopped() throws IOException {
        Path zip = dir.resolve("bomb.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream stream = new ZipOutputStream(out)) {
            stream.putNextEntry(new ZipEntry("Directive.yaml"));
            stream.write(TestBundles.utf8(DIRECTIVE));
            stream.putNextEntry(new ZipEntry("hello.wasm"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 5; i++) {
                stream.write(zeros);
            }
            stream.closeEntry();
        }
        assertThat(Files.size(zip)).isLessThan(64 * 1024);
        BundleReader reader = BundleReader.builder().maxEntryBytes(1024 * 1024).build();

        assertThatThrownBy(() -> reader.read(zip))
                .isInstanceOf(BundleException.class)
                .hasMessage("bundle " + zip + " entry hello.wasm is larger than the limit of 1048576 bytes"
                        + " (maxEntryBytes)");
    }

    @Test
    void entriesTogetherInflatingPastTheTotalCapAreStopped() throws IOException {
        Path zip = bundle("Directive.yaml", DIRECTIVE, "hello.wasm", new byte[600 * 1024], "world.wasm",
                new byte[600 * 1024]);
        BundleReader reader = BundleReader.builder().maxTotalBytes(1024 * 1024).build();

        assertThatThrownBy(() -> reader.read(zip))
                .isInstanceOf(BundleException.class)
                .hasMessage("bundle " + zip + " holds more than the limit of 1048576 bytes in total"
                        + " (maxTotalBytes), passed at entry world.wasm");
    }

    @Test
    void aListedRunnableWithoutModuleIsReportedAtItsLine() throws IOException {
        Path zip = bundle("Directive.yaml", DIRECTIVE, "hello.wasm", WASM);
        assertThat(problemsOf(zip)).containsExactly(
                zip + "!/Directive.yaml:7:5: missing module for Runnable com.x#default::world@v0.1.0");
    }

    @Test
    void aModuleForNoRunnableIsReported() throws IOException {
        Path zip = bundle("Directive.yaml", DIRECTIVE, "hello.wasm", WASM, "world.wasm", WASM, "extra.wasm", WASM);
        assertThat(problemsOf(zip)).containsExactly(zip + ": unable to find Runnable for module extra.wasm");
    }

    @Test
    void directiveBundleAndValidationProblemsAreReportedTogether() throws IOException {
        Path zip = bundle("Directive.yaml", DIRECTIVE.replace("appVersion: v0.1.0", "appVersion: 0.1.0"),
                "hello.wasm", WASM, "extra.wasm", WASM);
        List<String> problems = problemsOf(zip);
        assertThat(problems).containsExactly(
                zip + ": unable to find Runnable for module extra.wasm",
                zip + "!/Directive.yaml:2:13: app version is not a valid semantic version",
                zip + "!/Directive.yaml:7:5: missing module for Runnable com.x#default::world@0.1.0");
    }

    @Test
    void aDirectiveWithWrongTypesIsReportedAsABundleProblem() throws IOException {
        Path zip = bundle("Directive.yaml", "identifier: com.x\nhandlers: {}\n", "hello.wasm", WASM);
        assertThatThrownBy(() -> BundleReader.defaults().read(zip))
                .isInstanceOf(BundleException.class)
                .hasMessage("found 1 problems in " + zip + ":\n\t" + zip
                        + "!/Directive.yaml:2:11: handlers must be a list, found a mapping");
    }

    @Test
    void aRunnableInAnotherNamespaceFindsItsBareNamedModule() throws IOException {
        Path zip = bundle("Directive.yaml", DIRECTIVE.replace("namespace: default\n  - name: world",
                "namespace: greetings\n  - name: world").replace("- fn: hello", "- fn: greetings::hello"),
                "hello.wasm", WASM, "world.wasm", WASM);

        Bundle bundle = BundleReader.defaults().read(zip);

        assertThat(bundle.modules()).containsOnlyKeys("com.x#greetings::hello@v0.1.0", "com.x#default::world@v0.1.0");
        assertThat(bundle.module("greetings::hello")).map(RunnableModuleSource::entryName).contains("hello.wasm");
    }

    @Test
    void namespaceDirectoriesTellSameNamedRunnablesApart() throws IOException {
        Path zip = bundle("Directive.yaml", TWO_GETS, "users/get.wasm", WASM, "orders/get.wasm", new byte[]{1});

        Bundle bundle = BundleReader.defaults().read(zip);

        assertThat(bundle.module("users::get")).map(RunnableModuleSource::entryName).contains("users/get.wasm");
        assertThat(bundle.module("orders::get")).map(RunnableModuleSource::wasm).contains(new byte[]{1});
    }

    @Test
    void aBareNameMatchingSeveralNamespacesIsAmbiguous() throws IOException {
        Path zip = bundle("Directive.yaml", TWO_GETS, "get.wasm", WASM);
        assertThat(problemsOf(zip)).containsExactly(
                zip + ": module get.wasm matches Runnables [users::get, orders::get] in several namespaces:"
                        + " name it <namespace>/<name>.wasm",
                zip + "!/Directive.yaml:5:5: missing module for Runnable com.x#users::get@v0.1.0",
                zip + "!/Directive.yaml:7:5: missing module for Runnable com.x#orders::get@v0.1.0");
    }

    @Test
    void withoutListedRunnablesTheyAreDerivedFromTheModules() throws IOException {
        String directive = DIRECTIVE.substring(0, DIRECTIVE.indexOf("runnables:"))
                + DIRECTIVE.substring(DIRECTIVE.indexOf("handlers:"));
        Path zip = bundle("Directive.yaml", directive, "hello.wasm", WASM, "world.wasm", WASM);

        Bundle bundle = BundleReader.defaults().read(zip);

        assertThat(bundle.directive().runnables()).extracting(RunnableDecl::namespacedName)
                .containsExactly("default::hello", "default::world");
        assertThat(bundle.modules()).containsOnlyKeys("com.x#default::hello@v0.1.0", "com.x#default::world@v0.1.0");
    }

    @Test
    void derivedRunnablesAreValidated() throws IOException {
        String directive = DIRECTIVE.substring(0, DIRECTIVE.indexOf("runnables:"))
                + DIRECTIVE.substring(DIRECTIVE.indexOf("handlers:"));
        Path zip = bundle("Directive.yaml", directive, "hello.wasm", WASM);
        assertThat(problemsOf(zip)).containsExactly(zip + "!/Directive.yaml:10:9: handler for POST /hello lists fn"
                + " at step 1 that does not exist: world (did you forget a namespace?)");
    }

    @Test
    void wasmUnderStaticIsAStaticFileNotAModule() throws IOException {
        Path zip = bundle("Directive.yaml", DIRECTIVE, "hello.wasm", WASM, "world.wasm", WASM,
                "static/other.wasm", WASM);
        Bundle bundle = BundleReader.defaults().read(zip);
        assertThat(bundle.modules()).hasSize(2);
        assertThat(bundle.staticFiles().get("other.wasm")).contains(WASM);
    }

    @Test
    void staticNamesCannotClimbOutOfStatic() throws IOException {
        Path zip = bundle("Directive.yaml", DIRECTIVE, "hello.wasm", WASM, "world.wasm", WASM,
                "static/a.txt", "a", "secret.txt", "s");
        StaticFiles files = BundleReader.defaults().read(zip).staticFiles();
        assertThat(files.get("static/a.txt")).isPresent();
        assertThat(files.get("../secret.txt")).isEmpty();
        assertThat(files.get("a/../a.txt")).isEmpty();
    }
}
