/**
 * The {@code atmo} command line (picocli): creating, building and developing a project, and starting, validating
 * or bundling one.
 */
package dev.atmo.cli;
