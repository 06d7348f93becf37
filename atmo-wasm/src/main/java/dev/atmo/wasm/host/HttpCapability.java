package dev.atmo.wasm.host;

/** Outbound HTTP for {@code fetch_url}. Transport failures throw {@link CapabilityException}. */
@FunctionalInterface
public interface HttpCapability {
    HttpReply send(HttpCall call, InvocationInfo caller);
}
