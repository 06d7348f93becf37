/**
 * The admin page: what the server did lately (each handler's activity, each Runnable's last errors, the bundle's
 * loads) kept across reloads, gathered in {@link dev.atmo.admin.AdminStatus} and rendered as one self-contained
 * HTML page or as JSON for scripts.
 */
package dev.atmo.admin;
