package dev.atmo.wasm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the committed test Runnables from {@code testdata/runnables/wasm} at the repository root. */
public final class TestModules {
    private TestModules() {
    }

    public static Path root() {
        Path here = Path.of("").toAbsolutePath();
        while (here != null && !Files.isDirectory(here.resolve("testdata/runnables/wasm"))) {
            here = here.getParent();
        }
        if (here == null) {
            throw new IllegalStateException("testdata/runnables/wasm not found above " + Path.of("").toAbsolutePath());
        }
        return here;
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(root().resolve("testdata/runnables/wasm").resolve(name + ".wasm"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] example(String relative) {
        try {
            return Files.readAllBytes(root().resolve("examples").resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
