package dev.atmo.bundle;

import dev.atmo.directive.Mark;
import dev.atmo.directive.RunnableDecl;
import java.util.Optional;

/**
 * A {@code .wasm} found in a bundle, before it is matched to a Runnable. {@code declared} is the
 * {@code .runnable.yaml} beside it, when the bundle is a project directory.
 */
record ModuleFile(String entryName, byte[] wasm, Optional<RunnableDecl> declared, Mark mark) {

    /** The file name without directories and without {@code .wasm}. */
    String baseName() {
        String name = entryName.substring(entryName.lastIndexOf('/') + 1);
        return name.endsWith(".wasm") ? name.substring(0, name.length() - ".wasm".length()) : name;
    }
}
