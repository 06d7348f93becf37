package dev.atmo.wasm;

import dev.atmo.testing.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the committed test Runnables from {@code testdata/runnables/wasm} at the repository root. */
public final class TestModules {
    private TestModules() {
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(RepositoryRoot.resolve("testdata/runnables/wasm").resolve(name + ".wasm"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] example(String relative) {
        try {
            return Files.readAllBytes(RepositoryRoot.resolve("examples").resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
