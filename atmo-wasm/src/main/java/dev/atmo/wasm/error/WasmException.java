package dev.atmo.wasm.error;

/** Root of every failure raised by the Wasm engine; subclasses say which stage failed. */
public class WasmException extends RuntimeException {
    public WasmException(String message) {
        super(message);
    }

    public WasmException(String message, Throwable cause) {
        super(message, cause);
    }
}
