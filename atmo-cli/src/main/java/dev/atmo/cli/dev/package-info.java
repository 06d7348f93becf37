/**
 * {@code atmo dev}: a project built, served and watched, each changed Runnable rebuilt and reloaded.
 */
package dev.atmo.cli.dev;
