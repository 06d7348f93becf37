/**
 * Replies: how the end of a run of steps (a {@link dev.atmo.sequence.SequenceResult}, a {@link
 * dev.atmo.sequence.SequenceException}, an engine failure) becomes a status, headers and a body, in one place for
 * HTTP routes, NATS handlers and schedules. Knows no transport: {@code http} and {@code stream} turn a {@link
 * dev.atmo.reply.Reply} into what they send.
 */
package dev.atmo.reply;
