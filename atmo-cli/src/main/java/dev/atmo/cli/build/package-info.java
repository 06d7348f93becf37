/**
 * Building Runnables with their language's toolchain (Rust, C, AssemblyScript), several at once, each inside its
 * own folder.
 */
package dev.atmo.cli.build;
