package dev.atmo.cli;

import dev.atmo.wasm.Limits;
import dev.atmo.wasm.abi.AbiVersion;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options that decide whether a module loads: the memory cap and a forced ABI generation. Shared by
 * {@code start} and {@code validate}, so that validate refuses exactly the modules start would.
 */
final class ModuleSettings {

    @Option(names = "--max-memory-mib", paramLabel = "MIB", defaultValue = "${env:ATMO_MAX_MEMORY_MIB:-64}",
            description = "cap on each instance's linear memory; env ATMO_MAX_MEMORY_MIB")
    int maxMemoryMib;

    @Option(names = "--abi", paramLabel = "A|B", defaultValue = "${env:ATMO_ABI}",
            description = "force the Runnable ABI generation of every Runnable (default: from atmoVersion); env ATMO_ABI")
    String abi;

    /** Limits with the memory cap applied; further limits are set on the returned builder. */
    Limits.Builder limits() {
        return Limits.builder().maxMemoryPages(Math.max(1, Math.min(65536, maxMemoryMib * 16)));
    }

    /** The forced generation, if any. */
    Optional<AbiVersion> forcedAbi() {
        return abi == null || abi.isBlank() ? Optional.empty() : Optional.of(AbiVersion.parse(abi));
    }
}
