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
        return respond(() -> sequence.tryQuick(request));
    }

    static Response respond(Sequence sequence, JobRequest request) {
        return respond(() -> Optional.of(sequence.run(request))).orElseThrow();
    }

    /** Turns a sequence's result or failure into a response; empty when the sequence did not run. */
    private static Optional<Response> respond(Supplier<Optional<SequenceResult>> run) {
        Optional<SequenceResult> ran;
        try {
            ran = run.get();
        } catch (SequenceException e) {
            LOG.warn("{}", e.getMessage());
            return Optional.of(Response.of(Replies.of(e)));
        }
        return ran.map(result -> {
            Response response = Response.of(Replies.of(result));
            return switch (result) {
                case SequenceResult.Failed failed -> {
                    LOG.info("Runnable {}", Replies.describe(failed));
                    yield response;
                }
                case SequenceResult.Completed done -> response.headers().containsKey("Content-Type") ? response
                        : response.withHeader("Content-Type", "application/octet-stream");
            };
        });
    }
}
