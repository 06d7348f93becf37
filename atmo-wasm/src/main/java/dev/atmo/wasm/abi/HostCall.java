package dev.atmo.wasm.abi;

/**
 * One {@code env} import's behaviour. {@code args} are the guest's arguments without the trailing ident
 * (already validated); the return value is ignored for imports without a result.
 */
@FunctionalInterface
interface HostCall {
    long call(Invocation invocation, GuestMemory memory, long[] args);
}
