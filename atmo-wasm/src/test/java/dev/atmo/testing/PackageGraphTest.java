package dev.atmo.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageGraphTest {
    @TempDir
    Path root;

    @Test
    void importsStaticImportsAndQualifiedNamesAreEdgesButCommentsAndStringsAreNot() throws IOException {
        write("dev/atmo/a/A.java", """
                package dev.atmo.a;

                import dev.atmo.b.B;
                import static dev.atmo.c.C.VALUE;

                /** Mentions {@link dev.atmo.d.D}, which is no dependency. */
                class A {
                    // dev.atmo.d.D in a comment
                    String text = "dev.atmo.d.D";
                    dev.atmo.e.E qualified;
                }
                """);
        write("dev/atmo/b/B.java", "package dev.atmo.b;\nclass B {\n}\n");
        write("dev/atmo/c/C.java", "package dev.atmo.c;\nclass C {\n    static int VALUE = 1;\n}\n");
        write("dev/atmo/d/D.java", "package dev.atmo.d;\nclass D {\n}\n");
        write("dev/atmo/e/E.java", "package dev.atmo.e;\nimport dev.atmo.other.Outside;\nclass E {\n}\n");

        assertThat(PackageGraph.read(root).dependencies()).isEqualTo(Map.of(
                "dev.atmo.a", Set.of("dev.atmo.b", "dev.atmo.c", "dev.atmo.e"),
                "dev.atmo.b", Set.of(), "dev.atmo.c", Set.of(), "dev.atmo.d", Set.of(), "dev.atmo.e", Set.of()));
        PackageGraph.read(root).assertNoCyclesBut(Set.of());
    }

    @Test
    void aCycleFailsNamingThePackagesAndTheFilesThatCloseIt() throws IOException {
        write("dev/atmo/a/A.java", "package dev.atmo.a;\nimport dev.atmo.b.B;\nclass A {\n}\n");
        write("dev/atmo/b/B.java", "package dev.atmo.b;\nimport dev.atmo.c.*;\nclass B {\n}\n");
        write("dev/atmo/c/C.java", "package dev.atmo.c;\nclass C {\n    dev.atmo.a.A back;\n}\n");
        write("dev/atmo/d/D.java", "package dev.atmo.d;\nimport dev.atmo.a.A;\nclass D {\n}\n");

        assertThat(PackageGraph.read(root).cycles()).extracting(PackageGraph.Cycle::packages)
                .containsExactly(new TreeSet<>(Set.of("dev.atmo.a", "dev.atmo.b", "dev.atmo.c")));
        assertThatThrownBy(() -> PackageGraph.read(root).assertNoCyclesBut(Set.of()))
                .isInstanceOf(AssertionError.class)
                .hasMessage("packages under " + root + " must depend on each other one way only:\n"
                        + "  package cycle: dev.atmo.a -> dev.atmo.b -> dev.atmo.c -> dev.atmo.a (dev/atmo/a/A.java uses"
                        + " dev.atmo.b; dev/atmo/b/B.java uses dev.atmo.c; dev/atmo/c/C.java uses dev.atmo.a)");
        PackageGraph.read(root).assertNoCyclesBut(Set.of(Set.of("dev.atmo.c", "dev.atmo.a", "dev.atmo.b")));
    }

    @Test
    void aKnownCycleThatIsGoneFailsSoTheListOnlyShrinks() throws IOException {
        write("dev/atmo/a/A.java", "package dev.atmo.a;\nimport dev.atmo.b.B;\nclass A {\n}\n");
        write("dev/atmo/b/B.java", "package dev.atmo.b;\nclass B {\n}\n");

        assertThatThrownBy(() -> PackageGraph.read(root).assertNoCyclesBut(Set.of(Set.of("dev.atmo.b", "dev.atmo.a"))))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("the known cycle [dev.atmo.a, dev.atmo.b] is gone (or has changed members):"
                        + " take it off the list");
    }

    private void write(String relative, String source) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
    }
}
