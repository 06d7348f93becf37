package dev.atmo.stream;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a JetStream handler's results to its {@code respondTo} subject, through JetStream while a stream
 * captures that subject and through core NATS otherwise.
 */
final class ResultPublisher {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.stream");
    private final Connection connection;
    private final JetStreamSetup.Bound bound;
    private final NatsHandlerSettings settings;
    private final StreamCounter counter;
    private volatile boolean respondToCaptured;

    ResultPublisher(Connection connection, JetStreamSetup.Bound bound, NatsHandlerSettings settings,
                    StreamCounter counter) {
        this.connection = connection;
        this.bound = bound;
        this.settings = settings;
        this.counter = counter;
        this.respondToCaptured = settings.respondTo().flatMap(this::captured).orElse(false);
    }

    /**
     * Publishes to {@code respondTo}: through JetStream when a stream captures the subject, so the stream
     * confirms it has the result, and through core NATS otherwise.
     */
    boolean publish(StreamReply reply) {
        if (settings.respondTo().isEmpty()) {
            return true;
        }
        boolean sent = send(settings.respondTo().get(), reply);
        if (sent) {
            counter.count(settings.subject(), StreamCounter.OUT);
        }
        return sent;
    }

    private boolean send(String subject, StreamReply reply) {
        if (!respondToCaptured) {
            connection.publish(reply.to(subject, connection.getMaxPayload()));
            return true;
        }
        try {
            bound.jetStream().publish(reply.to(subject, connection.getMaxPayload()));
            return true;
        } catch (IOException | JetStreamApiException e) {
            if (!captured(subject).orElse(true)) {
                respondToCaptured = false;
                LOG.info("subject={} no stream captures {} any more; results go out through core NATS",
                        settings.subject(), subject);
                connection.publish(reply.to(subject, connection.getMaxPayload()));
                return true;
            }
            LOG.warn("subject={} could not publish the result to {}: {}", settings.subject(), subject, e.getMessage());
            return false;
        }
    }

    /** Whether a stream captures the subject; empty when the server cannot say right now. */
    private Optional<Boolean> captured(String subject) {
        try {
            return Optional.of(!bound.management().getStreamNames(subject).isEmpty());
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
