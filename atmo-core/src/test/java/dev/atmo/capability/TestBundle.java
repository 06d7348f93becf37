package dev.atmo.capability;

import dev.atmo.bundle.Bundle;
import dev.atmo.bundle.BundleReader;
import dev.atmo.testing.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Writes bundle directories for tests: {@code Directive.yaml} declaring the given test Runnables (each served
 * at {@code POST /<name>}) plus extra top-level sections, and the Runnables' {@code .wasm} files copied from
 * {@code testdata/runnables/wasm}.
 */
final class TestBundle {
    private TestBundle() {
    }

    static byte[] module(String name) {
        try {
            return Files.readAllBytes(RepositoryRoot.resolve("testdata/runnables/wasm").resolve(name + ".wasm"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Directive sections for the exercisers' outbound calls: the GraphQL server's bearer {@code token} injected for
     * {@code host}, and the machine's PostgreSQL as {@code connections.database}; a {@code connections} key of
     * one's own can follow, indented as {@code database} is.
     */
    static String bearerAndPostgres(String host, String token) {
        return """
                authentication:
                  domains:
                    "%s":
                      headerType: bearer
                      value: %s
                connections:
                  database:
                    type: postgresql
                    connectionString: postgresql://postgres@127.0.0.1:5432/test?sslmode=disable
                """.formatted(host, token);
    }

    /** Writes the bundle into {@code dir}; {@code sections} is YAML appended to the Directive as written. */
    static Path write(Path dir, String sections, String... runnables) {
        StringBuilder directive = new StringBuilder("""
                identifier: com.example.capabilities
                appVersion: v0.1.0
                atmoVersion: v0.3.0
                runnables:
                """);
        for (String name : runnables) {
            directive.append("  - name: ").append(name).append("\n    namespace: default\n");
        }
        directive.append("handlers:\n");
        for (String name : runnables) {
            directive.append("  - type: request\n    method: POST\n    resource: /").append(name)
                    .append("\n    steps:\n      - fn: ").append(name).append('\n');
        }
        directive.append(sections);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("Directive.yaml"), directive);
            for (String name : runnables) {
                Files.write(dir.resolve(name + ".wasm"), module(name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    static Bundle read(Path dir) {
        return BundleReader.defaults().read(dir);
    }

    /** The capabilities of the bundle in {@code dir}, with {@code environment} as the process environment. */
    static CapabilitySet capabilities(Path dir, Map<String, String> environment) {
        return CapabilitySet.build(read(dir), name -> Optional.ofNullable(environment.get(name)));
    }
}
