package dev.atmo.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * WASI's environment functions for guests that get no environment variables. Rust's standard library asks
 * for the environment's size on every job; answering "empty" directly spares the general implementation's
 * work on each call.
 */
final class EmptyEnvironment {
    private static final FunctionType TWO_POINTERS = FunctionType.of(List.of(ValType.I32, ValType.I32),
            List.of(ValType.I32));

    private EmptyEnvironment() {
    }

    /** The WASI functions with {@code environ_sizes_get} and {@code environ_get} answering "no variables". */
    static List<HostFunction> replace(HostFunction[] wasi) {
        List<HostFunction> out = new ArrayList<>(wasi.length);
        for (HostFunction function : wasi) {
            switch (function.name()) {
                case "environ_sizes_get" -> out.add(new HostFunction(function.module(), function.name(), TWO_POINTERS,
                        (instance, args) -> {
                            instance.memory().writeI32((int) args[0], 0);
                            instance.memory().writeI32((int) args[1], 0);
                            return new long[] {0};
                        }));
                case "environ_get" -> out.add(new HostFunction(function.module(), function.name(), TWO_POINTERS,
                        (instance, args) -> new long[] {0}));
                default -> out.add(function);
            }
        }
        return out;
    }
}
