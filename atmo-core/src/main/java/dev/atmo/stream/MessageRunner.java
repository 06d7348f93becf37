package dev.atmo.stream;

import dev.atmo.http.HeaderNames;
import dev.atmo.http.Response;
import dev.atmo.sequence.JobRequest;
import dev.atmo.sequence.Sequence;
import dev.atmo.sequence.SequenceException;
import dev.atmo.sequence.SequenceResult;
import dev.atmo.sequence.StepFailure;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atmo.trace.TraceScope;
import dev.atmo.trace.TraceSpan;
import dev.atmo.trace.Tracing;
import io.nats.client.Message;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
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

    private StreamReply traced(Message message) {
        Map<String, String> headers = headers(message);
        if (!tracing.enabled()) {
            return runUntraced(message, headers);
        }
        TraceSpan span = tracing.consumer("process " + message.getSubject(), headers)
                .attribute("messaging.system", "nats").attribute("messaging.operation.type", "process")
                .attribute("messaging.destination.name", message.getSubject());
        StreamReply reply;
        try (TraceScope scope = span.enter()) {
            reply = runUntraced(message, headers);
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

    private StreamReply runUntraced(Message message, Map<String, String> headers) {
        JobRequest.Builder request = JobRequest.builder().method(METHOD).url(message.getSubject())
                .headers(headers);
        String responseTo = "";
        if (gravEnvelope) {
            try {
                GravEnvelope.Opened opened = GravEnvelope.open(message.getData());
                request.body(opened.data());
                responseTo = opened.uuid();
            } catch (IllegalArgumentException e) {
                LOG.warn("subject={} rejected a message: {}", message.getSubject(), e.getMessage());
                return StreamReply.failure(Response.error(400, e.getMessage()), false, true, "");
            }
        } else {
            request.body(message.getData() == null ? new byte[0] : message.getData());
        }
        return runSteps(request.build(), responseTo);
    }

    private StreamReply runSteps(JobRequest request, String responseTo) {
        SequenceResult result;
        try {
            result = sequence.run(request);
        } catch (StepFailure e) {
            return failure(request, e.status(), e.getMessage(), responseTo);
        } catch (SequenceException e) {
            return failure(request, 500, e.getMessage(), responseTo);
        } catch (RuntimeException e) {
            LOG.error("request_id={} subject={} steps failed unexpectedly", request.id(), request.url(), e);
            return StreamReply.failure(Response.error(500, "steps failed: " + e), true, gravEnvelope, responseTo);
        }
        return switch (result) {
            case SequenceResult.Completed done -> {
                LOG.debug("request_id={} subject={} completed", request.id(), request.url());
                Map<String, String> headers = new LinkedHashMap<>();
                done.responseHeaders().forEach((k, v) -> headers.put(HeaderNames.canonical(k), v));
                yield new StreamReply(true, false, 200, headers, done.body(), gravEnvelope, responseTo);
            }
            case SequenceResult.Failed failed -> {
                int code = failed.error().code();
                LOG.info("request_id={} subject={} Runnable {} returned error {}: {}", request.id(), request.url(),
                        failed.fn(), code, failed.error().message());
                yield StreamReply.failure(Response.error(failed.status(), failed.error().message()), true,
                        gravEnvelope, responseTo);
            }
        };
    }

    private StreamReply failure(JobRequest request, int status, String message, String responseTo) {
        LOG.warn("request_id={} subject={} {}", request.id(), request.url(), message);
        return StreamReply.failure(Response.error(status, message), true, gravEnvelope, responseTo);
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
