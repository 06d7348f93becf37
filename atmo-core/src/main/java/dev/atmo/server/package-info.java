/**
 * The running application: a bundle's Runnables loaded and compiled, its routes, streams and schedules wired, the
 * operator's endpoints, reloads when the bundle changes, and {@link dev.atmo.server.AtmoServer} in front of it
 * all.
 */
package dev.atmo.server;
