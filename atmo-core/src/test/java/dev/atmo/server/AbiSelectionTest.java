package dev.atmo.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.directive.Directive;
import dev.atmo.directive.DirectiveLoader;
import dev.atmo.directive.RunnableDecl;
import dev.atmo.wasm.abi.AbiVersion;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AbiSelectionTest {

    private static Directive directive(String atmoVersion, String runnableKeys) {
        String yaml = """
                identifier: com.example.abi
                appVersion: v0.1.0
                atmoVersion: %s
                runnables:
                  - name: hello
                    namespace: default
                %s
                handlers:
                  - type: request
                    resource: /hello
                    method: POST
                    steps:
                      - fn: hello
                """.formatted(atmoVersion, runnableKeys.indent(4).stripTrailing());
        return DirectiveLoader.load(yaml.getBytes(UTF_8), "Directive.yaml").directive();
    }

    private static AbiVersion choose(String atmoVersion, String runnableKeys, Optional<AbiVersion> override) {
        Directive d = directive(atmoVersion, runnableKeys);
        RunnableDecl hello = d.runnables().get(0);
        return AbiSelection.choose(d, hello, override);
    }

    @Test
    void atmoVersionDecidesWhenNothingElseIsSaid() {
        assertThat(choose("v0.3.0", "", Optional.empty())).isEqualTo(AbiVersion.A);
        assertThat(choose("v0.3.2", "", Optional.empty())).isEqualTo(AbiVersion.A);
        assertThat(choose("v0.4.0", "", Optional.empty())).isEqualTo(AbiVersion.B);
        assertThat(choose("v1.0.0", "", Optional.empty())).isEqualTo(AbiVersion.B);
    }

    @Test
    void anSdkApiVersionOfKnownGenerationComesBeforeAtmoVersion() {
        assertThat(choose("v0.4.0", "apiVersion: 0.12.0", Optional.empty())).isEqualTo(AbiVersion.A);
        assertThat(choose("v0.4.0", "apiVersion: \"0.9.2\"", Optional.empty())).isEqualTo(AbiVersion.A);
        assertThat(choose("v0.3.0", "apiVersion: 0.13.0", Optional.empty())).isEqualTo(AbiVersion.B);
        assertThat(choose("v0.3.0", "apiVersion: v0.15.1", Optional.empty())).isEqualTo(AbiVersion.B);
    }

    @Test
    void anApiVersionOfNoKnownGenerationLeavesItToAtmoVersion() {
        assertThat(choose("v0.4.0", "apiVersion: 0.2.5", Optional.empty())).isEqualTo(AbiVersion.B);
        assertThat(choose("v0.3.0", "apiVersion: 0.2.5", Optional.empty())).isEqualTo(AbiVersion.A);
        assertThat(choose("v0.3.0", "apiVersion: latest", Optional.empty())).isEqualTo(AbiVersion.A);
    }

    @Test
    void theAbiKeyAndTheCommandLineComeFirst() {
        assertThat(choose("v0.3.0", "apiVersion: 0.12.0\nabi: B", Optional.empty())).isEqualTo(AbiVersion.B);
        assertThat(choose("v0.4.0", "apiVersion: 0.13.0\nabi: b", Optional.of(AbiVersion.A))).isEqualTo(AbiVersion.A);
    }
}
