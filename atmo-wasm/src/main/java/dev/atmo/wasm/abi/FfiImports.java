package dev.atmo.wasm.abi;

/** {@code get_ffi_result} and {@code add_ffi_var}: the slot hand-over and the query variable list. */
final class FfiImports {
    private FfiImports() {
    }

    static long getFfiResult(Invocation inv, GuestMemory memory, long[] a) {
        return inv.takeSlot().map(data -> {
            memory.write(a[0], data);
            return 0L;
        }).orElse(-1L);
    }

    static long addFfiVar(Invocation inv, GuestMemory memory, long[] a) {
        memory.readString(a[0], a[1]);
        inv.addVariable(memory.readString(a[2], a[3]));
        return 0;
    }
}
