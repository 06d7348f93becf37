package dev.atmo.stream;

import dev.atmo.directive.Directive;
import dev.atmo.directive.DirectiveLoader;
import dev.atmo.server.AtmoServer;
import dev.atmo.server.ServerOptions;
import dev.atmo.testing.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Test Directives with NATS stream handlers: as text for {@link DirectiveLoader}, or written as a bundle
 * directory whose Runnables are copied from {@code testdata/bundles/example-project}.
 */
final class StreamBundle {
    private StreamBundle() {
    }

    /** A short random suffix so each test has subjects, groups and streams of its own. */
    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static String directive(String identifier, String natsUrl, String handlers) {
        return """
                identifier: %s
                appVersion: v0.1.0
                atmoVersion: v0.3.0
                connections:
                  nats:
                    serverAddress: %s
                handlers:
                %s""".formatted(identifier, natsUrl, handlers);
    }

    static Directive load(String identifier, String natsUrl, String handlers) {
        return DirectiveLoader.load(directive(identifier, natsUrl, handlers).getBytes(StandardCharsets.UTF_8),
                "Directive.yaml").directive();
    }

    /** Writes a bundle directory holding the Directive and the named example-project Runnables. */
    static Path write(Path dir, String identifier, String natsUrl, String handlers, String... runnables) {
        Path examples = RepositoryRoot.resolve("testdata/bundles/example-project");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("Directive.yaml"), directive(identifier, natsUrl, handlers));
            for (String name : runnables) {
                Path target = Files.createDirectories(dir.resolve(name));
                Files.copy(examples.resolve(name).resolve(".runnable.yaml"), target.resolve(".runnable.yaml"));
                Files.copy(examples.resolve(name).resolve(name + ".wasm"), target.resolve(name + ".wasm"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    static AtmoServer start(Path bundle) {
        return AtmoServer.start(ServerOptions.builder().bundle(bundle).host("127.0.0.1").port(0).build());
    }
}
