package dev.atmo.wasm.error;

/** A module could not be parsed, compiled, linked or initialised; the message names the Runnable and the cause. */
public class ModuleLoadException extends WasmException {
    public ModuleLoadException(String message) {
        super(message);
    }

    public ModuleLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
