package dev.atmo.wasm.host;

import java.util.Optional;

/** Read-only access to the bundle's static files for {@code get_static_file}. */
@FunctionalInterface
public interface FileCapability {
    Optional<byte[]> read(String name);
}
