package dev.atmo.stream;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets a JetStream handler up on the server: the stream (created for the handler's subject when there is none),
 * the durable pull consumer with explicit acknowledgement, and the subscription bound to it.
 */
final class JetStreamSetup {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.stream");
    private static final int STREAM_NOT_FOUND = 10059;
    private static final int STREAM_NAME_IN_USE = 10058;
    /** How long the server waits for an acknowledgement before it delivers a message again. */
    static final Duration ACK_WAIT = Duration.ofSeconds(30);

    /** What a handler consumes and publishes through once it is set up. */
    record Bound(JetStreamManagement management, JetStream jetStream, JetStreamSubscription subscription) {
    }

    private JetStreamSetup() {
    }

    /**
     * Makes sure of the stream and the consumer and subscribes.
     *
     * @throws StreamException naming the handler, the stream and the durable consumer when the server refuses
     */
    static Bound bind(Connection connection, NatsHandlerSettings settings) {
        NatsHandlerSettings.JetStreamSettings js = settings.jetStream().orElseThrow();
        try {
            JetStreamManagement management = connection.jetStreamManagement();
            ensureStream(management, js, settings.subject());
            ConsumerConfiguration.Builder consumer = ConsumerConfiguration.builder().durable(js.durable())
                    .ackPolicy(AckPolicy.Explicit).ackWait(ACK_WAIT).deliverPolicy(DeliverPolicy.All)
                    .maxDeliver(js.maxDeliver())
                    .filterSubject(settings.subject());
            if (settings.ordered()) {
                consumer.maxAckPending(1);
            }
            management.addOrUpdateConsumer(js.stream(), consumer.build());
            JetStream jetStream = connection.jetStream();
            JetStreamSubscription subscription = jetStream.subscribe(settings.subject(),
                    PullSubscribeOptions.bind(js.stream(), js.durable()));
            return new Bound(management, jetStream, subscription);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            throw new StreamException(settings.describe() + ": cannot consume from JetStream stream " + js.stream()
                    + " with durable consumer " + js.durable() + ": " + e.getMessage(), e);
        }
    }

    private static void ensureStream(JetStreamManagement management, NatsHandlerSettings.JetStreamSettings js,
                                     String subject) throws IOException, JetStreamApiException {
        try {
            management.getStreamInfo(js.stream());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
            try {
                management.addStream(StreamConfiguration.builder().name(js.stream()).subjects(subject)
                        .storageType(StorageType.File).build());
                LOG.info("created JetStream stream {} for subject {}", js.stream(), subject);
            } catch (JetStreamApiException raced) {
                if (raced.getApiErrorCode() != STREAM_NAME_IN_USE) {
                    throw raced;
                }
            }
        }
    }
}
