package dev.atmo.cli.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaffoldTest {
    @TempDir
    Path sdkDir;
    @TempDir
    Path work;
    Scaffold scaffold;

    @BeforeEach
    void anSdkWithATemplate() throws IOException {
        write(sdkDir.resolve("c/lib.h"), "// the library\n");
        write(sdkDir.resolve("c/template/Makefile"), "WASM = {{name}}.wasm\nCRATE = {{crate}}\n");
        write(sdkDir.resolve("c/template/src/{{crate}}.c"), "/* {{name}} */\n");
        write(sdkDir.resolve("c/template/.gitignore"), "*.o\n");
        write(sdkDir.resolve("rust/Cargo.toml"), "[package]\n");
        write(sdkDir.resolve("rust/template/.runnable.yaml"), "name: {{name}}\nnamespace: default\nlang: rust\n");
        scaffold = new Scaffold(Sdk.locate(Map.of(Sdk.DIR_VARIABLE, sdkDir.toString())));
    }

    @Test
    void aNewProjectHasTheDirectiveTheRunnableTheSdkAndItsIgnores() throws IOException {
        Path app = work.resolve("My App");
        RunnableFolder created = scaffold.newProject(app, Language.C, "hello-world");

        assertThat(created).isEqualTo(new RunnableFolder(app.resolve("hello-world"), "hello-world", Language.C));
        assertThat(files(app)).containsExactly(".atmo/sdk/c/lib.h", ".gitignore", "Directive.yaml", "README.md",
                "hello-world/.gitignore", "hello-world/.runnable.yaml", "hello-world/Makefile",
                "hello-world/src/hello_world.c");
        assertThat(Files.readString(app.resolve("Directive.yaml"))).isEqualTo("""
                # The application: which Runnable answers which request. Reference: docs/directive.md of Atmo.
                identifier: com.example.my-app
                appVersion: v0.1.0
                atmoVersion: v0.5.0

                handlers:
                  - type: request
                    method: POST
                    resource: /hello-world
                    steps:
                      - fn: hello-world
                """);
        assertThat(Files.readString(app.resolve(".gitignore"))).isEqualTo("target/\nnode_modules/\n*.wasm.zip\n");
        assertThat(Files.readString(app.resolve("hello-world/Makefile")))
                .isEqualTo("WASM = hello-world.wasm\nCRATE = hello_world\n");
        assertThat(Files.readString(app.resolve("hello-world/src/hello_world.c"))).isEqualTo("/* hello-world */\n");
        assertThat(Files.readString(app.resolve("hello-world/.runnable.yaml")))
                .isEqualTo("name: hello-world\nnamespace: default\nlang: c\n");
        assertThat(ProjectLayout.runnables(app)).containsExactly(created);
    }

    @Test
    void aNonEmptyDirectoryIsRefusedAndLeftAlone() throws IOException {
        write(work.resolve("app/notes.txt"), "mine");
        assertThatThrownBy(() -> scaffold.newProject(work.resolve("app"), Language.C, "hello"))
                .isInstanceOf(ProjectException.class)
                .hasMessage(work.resolve("app") + " is not empty; atmo new project creates a new project in an empty "
                        + "or missing directory");
        assertThat(files(work.resolve("app"))).containsExactly("notes.txt");
    }

    @Test
    void aLanguageWithoutSdkIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> scaffold.newProject(work.resolve("app"), Language.ASSEMBLYSCRIPT, "hello"))
                .isInstanceOf(ProjectException.class)
                .hasMessage("no assemblyscript SDK template in " + Sdk.DIR_VARIABLE + "=" + sdkDir + " (looked for "
                        + sdkDir.resolve("assemblyscript/template") + ")");
        assertThat(work.resolve("app")).doesNotExist();
    }

    @Test
    void aSecondLanguageIsVendoredOnceAndTheTemplatesOwnRunnableFileIsKept() throws IOException {
        Path app = work.resolve("app");
        scaffold.newProject(app, Language.C, "hello");
        scaffold.addRunnable(app, "fast", Language.RUST);
        Files.writeString(app.resolve(".atmo/sdk/rust/Cargo.toml"), "[package] # changed by the user\n");
        scaffold.addRunnable(app, "faster", Language.RUST);

        assertThat(Files.readString(app.resolve(".atmo/sdk/rust/Cargo.toml")))
                .isEqualTo("[package] # changed by the user\n");
        assertThat(Files.readString(app.resolve("faster/.runnable.yaml")))
                .isEqualTo("name: faster\nnamespace: default\nlang: rust\n");
        assertThat(ProjectLayout.runnables(app)).extracting(RunnableFolder::label)
                .containsExactly("fast (rust)", "faster (rust)", "hello (c)");
    }

    @Test
    void runnablesOfOtherLanguagesAreListedApart() throws IOException {
        Path app = work.resolve("app");
        scaffold.newProject(app, Language.C, "hello");
        write(app.resolve("tiny/.runnable.yaml"), "name: tiny\nlang: tinygo\n");
        write(app.resolve("swifty/.runnable.yaml"), "namespace: default\n");
        write(app.resolve("notes/readme.txt"), "not a Runnable");
        Files.writeString(app.resolve("prebuilt.wasm"), "");

        assertThat(ProjectLayout.runnables(app)).extracting(RunnableFolder::label).containsExactly("hello (c)");
        assertThat(ProjectLayout.builtElsewhere(app)).containsExactly("swifty (no lang)", "tiny (tinygo)");
        assertThat(ProjectLayout.declaredNames(app)).containsExactly("hello", "prebuilt", "swifty", "tiny");
    }

    @Test
    void anExistingFolderAndAMissingDirectiveAreRefused() throws IOException {
        Path app = work.resolve("app");
        scaffold.newProject(app, Language.C, "hello");
        assertThatThrownBy(() -> scaffold.addRunnable(app, "hello", Language.C))
                .isInstanceOf(ProjectException.class)
                .hasMessage(app.resolve("hello") + " already exists; choose another name");
        assertThatThrownBy(() -> scaffold.addRunnable(work, "other", Language.C))
                .isInstanceOf(ProjectException.class)
                .hasMessage(work + " has no Directive.yaml; run atmo new runnable inside a project (see atmo new "
                        + "project) or give it with --dir");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()).sorted().toList();
        }
    }
}
