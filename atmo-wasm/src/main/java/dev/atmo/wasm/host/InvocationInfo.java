package dev.atmo.wasm.host;

import java.time.Instant;

/** Who is calling a capability: the Runnable, its request id (empty for non-request jobs), and its deadline. */
public record InvocationInfo(String runnable, String requestId, int ident, Instant deadline) {
}
