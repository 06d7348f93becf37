package dev.atmo.wasm.host;

/** The answer to an {@link HttpCall}: final status after redirects, and the body. */
public record HttpReply(int status, byte[] body) {
}
