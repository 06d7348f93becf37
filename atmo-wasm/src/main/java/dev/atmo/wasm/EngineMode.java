package dev.atmo.wasm;

/** How guest code is executed: Chicory's runtime compiler (Wasm to JVM bytecode) or its interpreter. */
public enum EngineMode {
    COMPILER,
    INTERPRETER
}
