package dev.atmo.wasm.host;

import dev.atmo.wasm.error.WasmException;

/**
 * A capability failed; the message is the error text an ABI B guest receives in its FFI slot,
 * so it must read well on its own (e.g. {@code key not found}).
 */
public class CapabilityException extends WasmException {
    public CapabilityException(String message) {
        super(message);
    }

    public CapabilityException(String message, Throwable cause) {
        super(message, cause);
    }
}
