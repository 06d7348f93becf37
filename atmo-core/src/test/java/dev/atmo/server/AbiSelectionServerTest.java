package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.testing.RepositoryRoot;
import dev.atmo.wasm.abi.AbiVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ABI generation a served Runnable gets: from the bundle's {@code atmoVersion}, the Runnable's SDK
 * {@code apiVersion} (when it names a release of known generation), its {@code abi} key, and the server's override,
 * in rising precedence. The ABI A Rust exerciser only imports functions both
 * generations have, so it loads as either; a missing cache key then tells which host answered: ABI A returns
 * -2, ABI B -13 (the length of "key not found").
 */
class AbiSelectionServerTest {

    private static void bundle(Path dir, String atmoVersion, String apiVersion, String abiKey) throws Exception {
        Files.copy(RepositoryRoot.resolve("testdata/runnables/wasm/abi-a-rust.wasm"), dir.resolve("abi-a-rust.wasm"));
        Files.writeString(dir.resolve("Directive.yaml"), """
                identifier: com.example.abi
                appVersion: v0.1.0
                atmoVersion: %s
                runnables:
                  - name: abi-a-rust
                    namespace: default
                %s
                %s
                handlers:
                  - type: request
                    method: POST
                    resource: /run
                    steps:
                      - fn: abi-a-rust
                """.formatted(atmoVersion, apiVersion.isEmpty() ? "" : "    apiVersion: " + apiVersion,
                abiKey.isEmpty() ? "" : "    abi: " + abiKey));
    }

    @ParameterizedTest(name = "atmoVersion {0}, apiVersion [{1}], abi key [{2}], override [{3}] -> {4}")
    @CsvSource({
        "v0.3.0, '', '', '', rc=-2",
        "v0.3.9, '', '', '', rc=-2",
        "v0.4.0, '', '', '', rc=-13",
        "v0.4.7, '', '', '', rc=-13",
        "v1.0.0, '', '', '', rc=-13",
        "v0.4.0, 0.12.0, '', '', rc=-2",
        "v0.3.0, 0.13.0, '', '', rc=-13",
        "v0.4.0, 0.2.0, '', '', rc=-13",
        "v0.3.0, 0.12.0, B, '', rc=-13",
        "v0.4.0, 0.13.0, A, '', rc=-2",
        "v0.3.0, '', A, B, rc=-13",
        "v0.4.0, '', B, A, rc=-2",
    })
    void theGenerationFollowsAtmoVersionThenApiVersionThenTheAbiKeyThenTheOverride(String atmoVersion,
            String apiVersion, String abiKey, String override, String answer, @TempDir Path dir) throws Exception {
        bundle(dir, atmoVersion, apiVersion, abiKey);
        Optional<AbiVersion> forced = override.isEmpty() ? Optional.empty() : Optional.of(AbiVersion.parse(override));
        try (AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(dir).host("127.0.0.1").port(0)
                .abi(forced).build())) {
            assertThat(TestServers.send(server, "POST", "/run", "cache_get nothing-here").body()).isEqualTo(answer);
        }
    }
}
