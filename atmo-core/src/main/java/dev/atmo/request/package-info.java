/**
 * The request a sequence runs for, whoever it came from (an HTTP request, a NATS message, a schedule's run):
 * {@link dev.atmo.request.JobRequest}, and the header-name rules ({@link dev.atmo.request.HeaderNames}) it and the
 * HTTP server share. Depends on no other package of the core, so {@code http}, {@code stream}, {@code schedule} and
 * {@code sequence} all point here and never at each other.
 */
package dev.atmo.request;
