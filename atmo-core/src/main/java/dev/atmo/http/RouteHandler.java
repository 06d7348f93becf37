package dev.atmo.http;

import dev.atmo.sequence.JobRequest;

/** Serves one routed request; always called on a virtual thread, never on an event loop. */
@FunctionalInterface
public interface RouteHandler {
    Response handle(JobRequest request);
}
