/**
 * Sequences: a handler's or schedule's steps ({@code fn}, {@code group}, {@code forEach}) run in order over one
 * request's state, with {@code onErr} deciding what a Runnable's error does. Runnables are reached through {@link
 * dev.atmo.sequence.StepRunner}, so this package does not know the engine's pools.
 */
package dev.atmo.sequence;
