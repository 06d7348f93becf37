package dev.atmo.wasm.host;

/**
 * GraphQL for {@code graphql_query}: returns the response JSON re-encoded with sorted keys
 * ({@code {"data":...}}); any failure throws {@link CapabilityException} with the guest-facing text.
 */
@FunctionalInterface
public interface GraphQlCapability {
    byte[] query(String endpoint, String query, InvocationInfo caller);
}
