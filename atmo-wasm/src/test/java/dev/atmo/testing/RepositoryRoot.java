package dev.atmo.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The root of the repository (the folder holding {@code testdata/}), found from the directory a test runs in,
 * so every module's tests read committed Runnables, bundles and examples the same way. Shared with the other
 * modules' tests through this module's test jar.
 */
public final class RepositoryRoot {
    private static final Path ROOT = find();

    private RepositoryRoot() {
    }

    public static Path path() {
        return ROOT;
    }

    /** {@code relative} under the repository root, e.g. {@code testdata/runnables/wasm/echo-wat.wasm}. */
    public static Path resolve(String relative) {
        return ROOT.resolve(relative);
    }

    private static Path find() {
        Path start = Path.of("").toAbsolutePath();
        for (Path here = start; here != null; here = here.getParent()) {
            if (Files.isDirectory(here.resolve("testdata/runnables/wasm"))) {
                return here;
            }
        }
        throw new IllegalStateException("no testdata/runnables/wasm in " + start + " or any folder above it");
    }
}
