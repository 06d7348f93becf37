package dev.atmo.wasm;

/**
 * Lets the instance-creation benchmark create instances of a loaded module directly, without the pool.
 * Lives in the engine's package because instance creation is not public API.
 */
public final class BenchInstances {
    private BenchInstances() {
    }

    /** Instantiates and initialises one instance; close it when done. */
    public static AutoCloseable create(RunnableModule module) {
        return RunnableInstance.create(module);
    }
}
