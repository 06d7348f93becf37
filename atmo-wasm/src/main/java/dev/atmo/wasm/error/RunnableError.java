package dev.atmo.wasm.error;

/** An error the Runnable itself reported ({@code return_error} or {@code return_abort}); not a server failure. */
public record RunnableError(int code, String message) {
}
