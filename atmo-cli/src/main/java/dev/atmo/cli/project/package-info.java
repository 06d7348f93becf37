/**
 * Projects on disk: their layout and Runnable folders, the SDK templates {@code atmo new} writes from, and edits
 * to a hand-written {@code Directive.yaml} that keep its formatting.
 */
package dev.atmo.cli.project;
