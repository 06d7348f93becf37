/**
 * The log as operators read it: text or JSON lines in the original's shape, written in batches to stdout or a
 * file, configured through logback.
 */
package dev.atmo.cli.log;
