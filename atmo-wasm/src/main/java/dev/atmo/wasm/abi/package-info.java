/**
 * The Suborbital Runnable ABI: the {@code env} host functions a guest imports, one small class per concern, bound
 * per instance ({@link dev.atmo.wasm.abi.EnvImports}), and the two ABI generations with everything in which they
 * differ ({@link dev.atmo.wasm.abi.AbiVersion}). A new host function is an {@code ImportSpec} line in {@code
 * EnvImports} and a static method beside its kin.
 */
package dev.atmo.wasm.abi;
