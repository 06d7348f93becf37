package dev.atmo.wasm.error;

/** The guest trapped (unreachable, out-of-bounds access, bad host pointers...) during one invocation. */
public class GuestTrapException extends WasmException {
    public GuestTrapException(String message, Throwable cause) {
        super(message, cause);
    }
}
