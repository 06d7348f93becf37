package dev.atmo.wasm.error;


/** A host function was handed a pointer range outside guest memory; it traps the current invocation only. */
public class HostMemoryException extends WasmException {
    public HostMemoryException(String import_, long pointer, long length, long memorySize) {
        super("host function " + import_ + " was given bytes " + pointer + ".." + (pointer + length)
                + " outside guest memory of " + memorySize + " bytes");
    }
}
