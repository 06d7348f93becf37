package dev.atmo.wasm;

import dev.atmo.wasm.abi.AbiVersion;
import java.util.Objects;

/**
 * How one Runnable's module is loaded.
 *
 * @param name     the Runnable's name, used in logs and errors
 * @param fileName the module's file name inside the bundle, the WASI program name
 * @param abi      the configured ABI generation; a module importing B-only functions is B regardless
 * @param mode     compiler (default) or interpreter
 * @param limits   deadline, memory cap and pool bounds
 */
public record ModuleOptions(String name, String fileName, AbiVersion abi, EngineMode mode, Limits limits) {

    public ModuleOptions {
        Objects.requireNonNull(name);
        Objects.requireNonNull(fileName);
        Objects.requireNonNull(abi);
        Objects.requireNonNull(mode);
        Objects.requireNonNull(limits);
    }

    public static ModuleOptions of(String name) {
        return new ModuleOptions(name, name + ".wasm", AbiVersion.A, EngineMode.COMPILER, Limits.defaults());
    }

    public ModuleOptions withAbi(AbiVersion abi) {
        return new ModuleOptions(name, fileName, abi, mode, limits);
    }

    public ModuleOptions withMode(EngineMode mode) {
        return new ModuleOptions(name, fileName, abi, mode, limits);
    }

    public ModuleOptions withLimits(Limits limits) {
        return new ModuleOptions(name, fileName, abi, mode, limits);
    }

    public ModuleOptions withFileName(String fileName) {
        return new ModuleOptions(name, fileName, abi, mode, limits);
    }
}
