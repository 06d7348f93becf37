package dev.atmo.wasm;

import dev.atmo.wasm.abi.AbiVersion;
import dev.atmo.wasm.cache.ModuleCache;
import java.util.Objects;
import java.util.Optional;

/**
 * How one Runnable's module is loaded.
 *
 * @param name     the Runnable's name, used in logs and errors
 * @param fileName the module's file name inside the bundle, the WASI program name
 * @param abi      the configured ABI generation; a module importing B-only functions is B regardless
 * @param mode     compiler (default) or interpreter
 * @param limits   deadline, memory cap and pool bounds
 * @param cache    where compiled modules are kept between starts, if anywhere
 */
public record ModuleOptions(String name, String fileName, AbiVersion abi, EngineMode mode, Limits limits,
                            Optional<ModuleCache> cache) {

    public ModuleOptions {
        Objects.requireNonNull(name);
        Objects.requireNonNull(fileName);
        Objects.requireNonNull(abi);
        Objects.requireNonNull(mode);
        Objects.requireNonNull(limits);
        Objects.requireNonNull(cache);
    }

    public static ModuleOptions of(String name) {
        return new ModuleOptions(name, name + ".wasm", AbiVersion.A, EngineMode.COMPILER, Limits.defaults(),
                Optional.empty());
    }

    public ModuleOptions withAbi(AbiVersion abi) {
        return new ModuleOptions(name, fileName, abi, mode, limits, cache);
    }

    public ModuleOptions withMode(EngineMode mode) {
        return new ModuleOptions(name, fileName, abi, mode, limits, cache);
    }

    public ModuleOptions withLimits(Limits limits) {
        return new ModuleOptions(name, fileName, abi, mode, limits, cache);
    }

    public ModuleOptions withFileName(String fileName) {
        return new ModuleOptions(name, fileName, abi, mode, limits, cache);
    }

    public ModuleOptions withCache(Optional<ModuleCache> cache) {
        return new ModuleOptions(name, fileName, abi, mode, limits, cache);
    }
}
