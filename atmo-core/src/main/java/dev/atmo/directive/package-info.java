/**
 * The Directive: records for what {@code Directive.yaml} and {@code .runnable.yaml} say, the loader that reads
 * them with the original's YAML rules, and the validator that applies Atmo's rules with the same messages, each
 * problem marked with its file, line and column.
 */
package dev.atmo.directive;
