package dev.atmo.server;

import dev.atmo.http.Response;
import dev.atmo.http.RouteHandler;
import dev.atmo.reply.Replies;
import dev.atmo.request.JobRequest;
import dev.atmo.sequence.Sequence;
import dev.atmo.sequence.SequenceException;
import dev.atmo.sequence.SequenceResult;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a request by running a sequence: 200 with the selected body and the Runnables' headers
 * ({@code Content-Type} defaulting to {@code application/octet-stream}); a returned Runnable error becomes
 * its code (200–599, else 500) with {@code {"status","message"}}; other failures 500, a deadline 504.
 */
final class SequenceRoute implements RouteHandler {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.sequence");
    private final Sequence sequence;

    SequenceRoute(Sequence sequence) {
        this.sequence = sequence;
    }

    @Override
    public Response handle(JobRequest request) {
        return respond(sequence, request);
    }

    @Override
    public Optional<Response> tryQuick(JobRequest request) {
        return respond(request, () -> sequence.tryQuick(request));
    }

    static Response respond(Sequence sequence, JobRequest request) {
        return respond(request, () -> Optional.of(sequence.run(request))).orElseThrow();
    }

    /** Turns a sequence's result or failure into a response; empty when the sequence did not run. */
    private static Optional<Response> respond(JobRequest request, Supplier<Optional<SequenceResult>> run) {
        SequenceResult result;
        try {
            Optional<SequenceResult> ran = run.get();
            if (ran.isEmpty()) {
                return Optional.empty();
            }
            result = ran.get();
        } catch (SequenceException e) {
            LOG.warn("{}", e.getMessage());
            return Optional.of(Response.of(Replies.of(e)));
        }
        if (result instanceof SequenceResult.Failed failed) {
            LOG.info("Runnable {}", Replies.describe(failed));
            return Optional.of(Response.of(Replies.of(result)));
        }
        Response response = Response.of(Replies.of(result));
        return Optional.of(response.headers().containsKey("Content-Type") ? response
                : response.withHeader("Content-Type", "application/octet-stream"));
    }
}
