package dev.atmo.wasm.abi;

/**
 * The declaration of one {@code env} import: its name, its parameter count including the trailing ident,
 * whether it returns an i32, and which generations provide it.
 */
record ImportSpec(String name, int params, boolean returnsValue, boolean onlyB, HostCall call) {

    static ImportSpec returning(String name, int params, HostCall call) {
        return new ImportSpec(name, params, true, false, call);
    }

    static ImportSpec voidCall(String name, int params, HostCall call) {
        return new ImportSpec(name, params, false, false, call);
    }

    static ImportSpec returningB(String name, int params, HostCall call) {
        return new ImportSpec(name, params, true, true, call);
    }
}
