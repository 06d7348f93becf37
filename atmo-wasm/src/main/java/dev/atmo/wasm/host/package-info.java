/**
 * What the host lends a guest, as interfaces the server implements: the capabilities (HTTP, GraphQL, cache,
 * database, static files, log) gathered in {@link dev.atmo.wasm.host.Capabilities}, and the request a guest reads
 * and edits ({@link dev.atmo.wasm.host.GuestRequest}).
 */
package dev.atmo.wasm.host;
