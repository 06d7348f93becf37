package dev.atmo.capability;

import static dev.atmo.capability.FetchUrlTest.errLine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.bundle.BundleReader;
import dev.atmo.wasm.host.Capabilities;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code get_static_file} serves the bundle's {@code static/} and nothing outside it. */
class StaticFileCapabilityTest {
    static final String ABSOLUTE = "<absolute path of the secret>";
    @TempDir
    static Path dir;
    private static CapabilitySet set;
    private static Capabilities capabilities;

    @BeforeAll
    static void bundle() throws IOException {
        TestBundle.write(dir, "", "abi-a-rust");
        Files.createDirectories(dir.resolve("static/css"));
        Files.writeString(dir.resolve("static/main.md"), "## hello");
        Files.writeString(dir.resolve("static/css/site.css"), "body{}");
        Files.write(dir.resolve("static/big.bin"), new byte[1_000_001]);
        Files.writeString(dir.resolve("secret.txt"), "not for guests");
        Files.createSymbolicLink(dir.resolve("static/link.txt"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(dir.resolve("static/up"), dir);
        set = CapabilitySet.build(BundleReader.builder().maxEntryBytes(1_000_000).build().read(dir),
                name -> Optional.empty());
        capabilities = set.capabilities();
    }

    @AfterAll
    static void close() {
        set.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"main.md", "/main.md", "./main.md", "static/main.md"})
    void aNameIsNormalisedAsAtmoDoes(String name) {
        assertThat(Guests.A.run(capabilities, "static " + name)).isEqualTo("rc=8 ffi=0 data=## hello");
        assertThat(Guests.B.run(capabilities, "static " + name)).isEqualTo("rc=8 ffi=0 data=## hello");
    }

    @Test
    void filesInSubdirectoriesAreServed() {
        assertThat(Guests.B.run(capabilities, "static css/site.css")).isEqualTo("rc=6 ffi=0 data=body{}");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"../secret.txt", "../Directive.yaml", "css/../../secret.txt", "/../secret.txt",
        "static/../secret.txt", "./../secret.txt", "css/../main.md", "..", "../static/main.md", "link.txt",
        "up/secret.txt", ABSOLUTE, "nope.txt", "css", ""})
    void nothingOutsideStaticIsServed(String name) {
        String asked = name.equals(ABSOLUTE) ? dir.resolve("secret.txt").toString() : name;
        assertThat(Guests.A.run(capabilities, "static " + asked)).isEqualTo("rc=-3");
        assertThat(Guests.B.run(capabilities, "static " + asked)).isEqualTo(errLine("file does not exist"));
    }


    @Test
    void aFileOverTheBundleLimitIsAnErrorWithoutHostPaths() {
        assertThat(Guests.A.run(capabilities, "static big.bin")).isEqualTo("rc=-4");
        assertThat(Guests.B.run(capabilities, "static big.bin"))
                .isEqualTo(errLine("failed to read static file big.bin"));
    }

    @Test
    void aBundleWithoutStaticFilesFindsNothing(@TempDir Path empty) {
        TestBundle.write(empty, "", "abi-a-rust");
        try (CapabilitySet bare = TestBundle.capabilities(empty, Map.of())) {
            assertThat(Guests.A.run(bare.capabilities(), "static main.md")).isEqualTo("rc=-3");
        }
    }
}
