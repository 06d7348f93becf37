package dev.atmo.wasm.abi;

import dev.atmo.wasm.host.CapabilityException;
import dev.atmo.wasm.host.FileCapability;
import java.util.Map;
import java.util.Optional;

/** Static files from a map; names starting with {@code broken} fail to read. */
final class MapFiles implements FileCapability {
    private final Map<String, byte[]> files;

    MapFiles(Map<String, byte[]> files) {
        this.files = Map.copyOf(files);
    }

    @Override
    public Optional<byte[]> read(String name) {
        if (name.startsWith("broken")) {
            throw new CapabilityException("failed to read " + name);
        }
        return Optional.ofNullable(files.get(name)).map(byte[]::clone);
    }
}
