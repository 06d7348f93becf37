/**
 * The benchmark suite: each part (HTTP, streams, invocation, compute, memory, start-up, growth with the number of
 * Runnables) runs against its reference in the same run, and one report with its charts is written from them.
 */
package dev.atmo.bench;
