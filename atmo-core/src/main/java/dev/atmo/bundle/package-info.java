/**
 * Bundles: reading a {@code runnables.wasm.zip} or a directory into a validated {@link dev.atmo.bundle.Bundle}
 * (its Directive, each Runnable's module, its static files) within size limits, and writing one.
 */
package dev.atmo.bundle;
