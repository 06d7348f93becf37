package dev.atmo.wasm.abi;

/**
 * The declaration of one {@code env} import: its name, its parameter count including the trailing ident,
 * whether it returns an i32, the first generation that provides it, and whether it waits on something outside
 * the process or the bundle's memory (HTTP, GraphQL, the cache, the database, static files).
 */
record ImportSpec(String name, int params, boolean returnsValue, AbiVersion firstIn, boolean waitsOutside,
                  HostCall call) {

    static ImportSpec returning(String name, int params, HostCall call) {
        return new ImportSpec(name, params, true, AbiVersion.A, false, call);
    }

    static ImportSpec voidCall(String name, int params, HostCall call) {
        return new ImportSpec(name, params, false, AbiVersion.A, false, call);
    }

    /** The same import, provided from generation {@code first} on. */
    ImportSpec from(AbiVersion first) {
        return new ImportSpec(name, params, returnsValue, first, waitsOutside, call);
    }

    /** The same import, marked as waiting on the outside world. */
    ImportSpec waitingOutside() {
        return new ImportSpec(name, params, returnsValue, firstIn, true, call);
    }

    boolean providedBy(AbiVersion abi) {
        return abi.compareTo(firstIn) >= 0;
    }
}
