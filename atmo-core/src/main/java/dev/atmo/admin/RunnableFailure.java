package dev.atmo.admin;

import java.time.Instant;

/** One error of a Runnable: when, for which request, and what it said. */
public record RunnableFailure(Instant time, String requestId, String message) {
}
