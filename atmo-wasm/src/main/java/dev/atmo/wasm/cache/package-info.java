/**
 * The on-disk module cache: compiled modules kept between starts, so a start skips compiling what an earlier one
 * compiled; entries are checked when read and written whole, and the directory must belong to the server's user.
 */
package dev.atmo.wasm.cache;
