package dev.atmo.stream;

import dev.atmo.reply.Reply;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one message's steps produced, ready to publish: the body (the selected response, or the error JSON
 * {@code {"status":N,"message":"..."}}), the headers (the Runnables' response headers and
 * {@value #STATUS_HEADER}), and whether every step completed.
 *
 * @param completed  every step ran; false for a Runnable error or any other failure
 * @param retryable  running the steps again might succeed (false when the payload itself is unreadable)
 * @param responseTo the incoming envelope's uuid, named by an envelope reply
 */
record StreamReply(boolean completed, boolean retryable, int status, Map<String, String> headers, byte[] body,
        boolean gravEnvelope, String responseTo) {

    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.stream");

    /** The NATS header carrying the HTTP-style status of the outcome: 200, or the error's status. */
    static final String STATUS_HEADER = "Atmo-Status";

    static StreamReply failure(Reply error, boolean retryable, boolean gravEnvelope, String responseTo) {
        return new StreamReply(false, retryable, error.status(), error.headers(), error.body(), gravEnvelope,
                responseTo);
    }

    /** This reply with other headers. */
    StreamReply withHeaders(Map<String, String> headers) {
        return new StreamReply(completed, retryable, status, headers, body, gravEnvelope, responseTo);
    }

    /**
     * The message to publish on {@code subject}, or, when it is larger than the NATS server takes
     * ({@code maxPayload}, headers and data; not known while disconnected: 0 or less), an error reply in its
     * place, so the requester hears of it.
     */
    Message to(String subject, long maxPayload) {
        Message message = to(subject);
        long size = message.getData().length + (message.getHeaders() == null ? 0
                : message.getHeaders().serializedLength());
        if (maxPayload <= 0 || size <= maxPayload) {
            return message;
        }
        String text = "the result of " + body.length + " bytes is larger than the NATS server's max payload of "
                + maxPayload + " bytes";
        LOG.warn("published an error in place of a result to {}: {}", subject, text);
        return failure(Reply.error(500, text), false, gravEnvelope, responseTo).to(subject);
    }

    /** The message to publish on {@code subject}; an envelope's {@code msg_type} is that subject. */
    Message to(String subject) {
        Headers natsHeaders = new Headers();
        headers.forEach(natsHeaders::put);
        natsHeaders.put(STATUS_HEADER, Integer.toString(status));
        byte[] data = gravEnvelope ? GravEnvelope.seal(body, subject, responseTo) : body;
        return NatsMessage.builder().subject(subject).headers(natsHeaders).data(data).build();
    }
}
