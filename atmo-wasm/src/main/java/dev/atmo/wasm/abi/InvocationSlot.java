package dev.atmo.wasm.abi;

import java.util.Optional;

/**
 * Which invocation an instance is running now. Host functions are bound per instance and read it here,
 * so an ident is validated against the instance's own invocation rather than looked up globally.
 */
public final class InvocationSlot {
    private volatile Invocation current;

    public InvocationSlot() {
    }

    public void begin(Invocation invocation) {
        current = invocation;
    }

    public void end() {
        current = null;
    }

    Optional<Invocation> current() {
        return Optional.ofNullable(current);
    }
}
