package dev.atmo.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The Wasm modules packed into the benchmarks jar under {@code wasm/}. */
public final class Wasm {
    private Wasm() {
    }

    /** The bytes of {@code wasm/<name>.wasm}. */
    public static byte[] load(String name) {
        try (InputStream in = Wasm.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
            if (in == null) {
                throw new IllegalArgumentException("no module wasm/" + name + ".wasm in the benchmarks jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
