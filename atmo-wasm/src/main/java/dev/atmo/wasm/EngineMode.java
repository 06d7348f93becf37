package dev.atmo.wasm;

/**
 * How guest code is executed: Chicory's runtime compiler (Wasm to JVM bytecode), its interpreter, or the
 * interpreter until the compiler has finished in the background.
 */
public enum EngineMode {
    /** Compile while loading; loading returns once the compiled code is ready. */
    COMPILER,
    /** Interpret; nothing is compiled. */
    INTERPRETER,
    /**
     * Compile on another thread and interpret until then: loading returns at once, instances made before the
     * compiled code is ready are replaced after their job once it is. A module that fails to compile stays
     * interpreted (logged as a warning).
     */
    COMPILER_IN_BACKGROUND
}
