package dev.atmo.http;

import dev.atmo.request.JobRequest;
import java.util.Optional;

/**
 * Serves one routed request. {@link #handle} is called on a virtual thread, never on an event loop;
 * {@link #tryQuick} is called on the event loop first and must not block.
 */
@FunctionalInterface
public interface RouteHandler {
    Response handle(JobRequest request);

    /**
     * Answers at once on the event loop when the work is known to be quick and not to block; empty when it is
     * not, with nothing done, and the request is then given to {@link #handle} on its own thread.
     */
    default Optional<Response> tryQuick(JobRequest request) {
        return Optional.empty();
    }
}
