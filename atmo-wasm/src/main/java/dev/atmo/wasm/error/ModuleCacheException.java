package dev.atmo.wasm.error;


/** The module cache directory cannot be used safely; the message names the directory and what to change. */
public class ModuleCacheException extends WasmException {
    public ModuleCacheException(String message) {
        super(message);
    }

    public ModuleCacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
