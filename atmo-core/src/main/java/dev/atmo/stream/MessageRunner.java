package dev.atmo.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atmo.reply.Replies;
import dev.atmo.reply.Reply;
import dev.atmo.request.JobRequest;
import dev.atmo.request.RequestLog;
import dev.atmo.sequence.Sequence;
import dev.atmo.sequence.SequenceException;
import dev.atmo.sequence.SequenceResult;
import dev.atmo.trace.TraceScope;
import dev.atmo.trace.TraceSpan;
import dev.atmo.trace.Tracing;
import dev.atmo.wasm.host.RequestFields;
import io.nats.client.Message;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a handler's steps for one NATS message: method {@code STREAM}, url the message's subject, body its
 * payload (unwrapped from the envelope when the handler uses one), headers its NATS headers. Never throws:
 * every failure becomes an error reply whose status is what the same failure gets over HTTP. With traces on, the
 * steps run in a consumer span that continues the trace of the message's {@code traceparent}, and the reply
 * carries that span's {@code traceparent} to whoever receives it.
 */
final class MessageRunner {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.stream");
    static final String METHOD = "STREAM";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sequence sequence;
    private final boolean gravEnvelope;
    private final MessageTimer timer;
    private final Tracing tracing;

    MessageRunner(Sequence sequence, boolean gravEnvelope, MessageTimer timer, Tracing tracing) {
        this.sequence = sequence;
        this.gravEnvelope = gravEnvelope;
        this.timer = timer;
        this.tracing = tracing;
    }

    StreamReply run(Message message) {
        long start = System.nanoTime();
        StreamReply reply = traced(message);
        timer.handled(System.nanoTime() - start, !reply.completed());
        return reply;
    }

    /**
     * Runs the steps in place, on the calling thread, when they can be: one {@code fn} step whose Runnable has an
     * idle instance and waits on nothing outside ({@link Sequence#tryQuick}), with traces off. Empty when they were
     * not run; the message is then for {@link #run}.
     */
    Optional<StreamReply> tryQuick(Message message) {
        if (tracing.enabled() || !sequence.mayRunQuick()) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        Optional<StreamReply> reply = runUntraced(message, headers(message), sequence::tryQuick);
        reply.ifPresent(r -> timer.handled(System.nanoTime() - start, !r.completed()));
        return reply;
    }

    private StreamReply traced(Message message) {
        Map<String, String> headers = headers(message);
        if (!tracing.enabled()) {
            return runUntraced(message, headers, this::runAlways).orElseThrow();
        }
        TraceSpan span = tracing.consumer("process " + message.getSubject(), headers)
                .attribute("messaging.system", "nats").attribute("messaging.operation.type", "process")
                .attribute("messaging.destination.name", message.getSubject());
        StreamReply reply;
        try (TraceScope scope = span.enter()) {
            reply = runUntraced(message, headers, this::runAlways).orElseThrow();
        } catch (RuntimeException e) {
            span.error(e.toString());
            span.end();
            throw e;
        }
        span.attribute("atmo.status", reply.status());
        if (!reply.completed()) {
            span.error(errorMessage(reply));
        }
        span.end();
        Map<String, String> traced = new LinkedHashMap<>(reply.headers());
        span.inject(traced::put);
        return reply.withHeaders(traced);
    }

    /** The message of an error reply's {@code {"status","message"}} body. */
    private static String errorMessage(StreamReply reply) {
        try {
            return JSON.readTree(reply.body()).path("message").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private Optional<StreamReply> runUntraced(Message message, Map<String, String> headers,
                                              Function<JobRequest, Optional<SequenceResult>> steps) {
        RequestFields.Builder<JobRequest> request = JobRequest.builder().method(METHOD).url(message.getSubject())
                .headers(headers);
        String responseTo = "";
        if (gravEnvelope) {
            try {
                GravEnvelope.Opened opened = GravEnvelope.open(message.getData());
                request.body(opened.data());
                responseTo = opened.uuid();
            } catch (IllegalArgumentException e) {
                LOG.warn("subject={} rejected a message: {}", message.getSubject(), e.getMessage());
                return Optional.of(StreamReply.failure(Reply.error(400, e.getMessage()), false, true, ""));
            }
        } else {
            request.body(message.getData() == null ? new byte[0] : message.getData());
        }
        JobRequest job = request.build();
        try (RequestLog.Scope scope = RequestLog.enter(job.id())) {
            return runLogged(job, responseTo, steps);
        }
    }

    private Optional<StreamReply> runLogged(JobRequest request, String responseTo,
                                            Function<JobRequest, Optional<SequenceResult>> steps) {
        Optional<SequenceResult> ran;
        try {
            ran = steps.apply(request);
        } catch (SequenceException e) {
            LOG.warn("subject={} {}", request.url(), e.getMessage());
            return Optional.of(StreamReply.failure(Replies.of(e), true, gravEnvelope, responseTo));
        } catch (RuntimeException e) {
            LOG.error("subject={} steps failed unexpectedly", request.url(), e);
            return Optional.of(StreamReply.failure(Reply.error(500, "steps failed: " + e), true, gravEnvelope,
                    responseTo));
        }
        return ran.map(result -> replyTo(request, responseTo, result));
    }

    private Optional<SequenceResult> runAlways(JobRequest request) {
        return Optional.of(sequence.run(request));
    }

    private StreamReply replyTo(JobRequest request, String responseTo, SequenceResult result) {
        Reply reply = Replies.of(result);
        return switch (result) {
            case SequenceResult.Completed done -> {
                LOG.debug("subject={} completed", request.url());
                yield new StreamReply(true, false, reply.status(), reply.headers(), reply.body(), gravEnvelope,
                        responseTo);
            }
            case SequenceResult.Failed failed -> {
                LOG.info("subject={} Runnable {}", request.url(), Replies.describe(failed));
                yield StreamReply.failure(reply, true, gravEnvelope, responseTo);
            }
        };
    }

    /** NATS headers may repeat; a Runnable sees the first value of each, as with HTTP. */
    private static Map<String, String> headers(Message message) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (message.hasHeaders()) {
            message.getHeaders().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    headers.putIfAbsent(name, values.get(0));
                }
            });
        }
        return headers;
    }
}
