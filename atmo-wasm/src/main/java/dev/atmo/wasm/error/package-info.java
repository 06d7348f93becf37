/**
 * The engine's failures: {@link dev.atmo.wasm.error.WasmException}, the one unchecked root, with its subclasses
 * for each stage, and {@link dev.atmo.wasm.error.RunnableError}, the error a Runnable reports itself. A leaf: it
 * depends on no other package of the engine, so every one of them may use it.
 */
package dev.atmo.wasm.error;
