/**
 * The Wasm engine's API and its implementation on Chicory: a Runnable's module is loaded and checked once ({@link
 * dev.atmo.wasm.RunnableModule}), served from a pool of instances ({@link dev.atmo.wasm.WasmRunnable}, {@link
 * dev.atmo.wasm.InstancePool}) under deadlines and on guest threads, and each job ends in an {@link
 * dev.atmo.wasm.Outcome}. Knows nothing of HTTP, YAML or NATS.
 */
package dev.atmo.wasm;
