package dev.atmo.wasm.host;

import java.util.List;

/**
 * Runs a pre-declared query for {@code db_exec}. {@code queryType} is the ABI number (0 insert, 1 select,
 * 2 update, 3 delete); the result is the JSON the guest receives; failures throw {@link CapabilityException}
 * with texts such as {@code query not found}.
 */
@FunctionalInterface
public interface DatabaseCapability {
    byte[] execute(int queryType, String queryName, List<String> variables, InvocationInfo caller);
}
