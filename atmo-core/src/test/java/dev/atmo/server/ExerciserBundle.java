package dev.atmo.server;

import dev.atmo.testing.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A bundle directory serving the ABI-B exerciser Runnable ({@code testdata/runnables}) at
 * {@code POST /exercise}: each line of the body is one host call (see the README there).
 */
final class ExerciserBundle {
    private ExerciserBundle() {
    }

    static Path write(Path dir) {
        String directive = """
                identifier: com.example.hostile
                appVersion: v0.1.0
                atmoVersion: v0.3.0
                runnables:
                  - name: abi-b-rust
                    namespace: default
                handlers:
                  - type: request
                    method: POST
                    resource: /exercise
                    steps:
                      - fn: abi-b-rust
                """;
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("Directive.yaml"), directive);
            Files.copy(RepositoryRoot.resolve("testdata/runnables/wasm/abi-b-rust.wasm"),
                    dir.resolve("abi-b-rust.wasm"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    static ServerOptions.Builder options(Path dir) {
        return ServerOptions.builder().bundle(write(dir)).host("127.0.0.1").port(0).runSchedules(false);
    }
}
