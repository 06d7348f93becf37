package dev.atmo.stream;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A handler on a core NATS subject, in its queue group. The dispatcher thread takes a slot before handing a
 * message to its virtual thread, so a full handler leaves further messages in the subscription's pending
 * buffer, bounded by {@link #PENDING_MESSAGES} and {@link #PENDING_BYTES}, past which NATS reports a slow
 * consumer and drops them (core NATS delivers at most once; JetStream is for messages that must not be lost).
 */
final class CoreSubscriber implements NatsSubscriber {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.stream");
    static final long PENDING_MESSAGES = 65_536;
    static final long PENDING_BYTES = 64L * 1024 * 1024;
    private static final Duration MIN_DRAIN = Duration.ofMillis(1);

    private final Connection connection;
    private final NatsHandlerSettings settings;
    private final MessageRunner runner;
    private final StreamCounter counter;
    private final MessageSlots slots;
    private Dispatcher dispatcher;
    private CompletableFuture<Boolean> drained = CompletableFuture.completedFuture(true);

    CoreSubscriber(Connection connection, NatsHandlerSettings settings, MessageRunner runner, StreamCounter counter) {
        this.connection = connection;
        this.settings = settings;
        this.runner = runner;
        this.counter = counter;
        this.slots = new MessageSlots(settings.subject(), settings.maxConcurrency());
    }

    @Override
    public void start() {
        dispatcher = connection.createDispatcher(this::dispatch);
        dispatcher.setPendingLimits(PENDING_MESSAGES, PENDING_BYTES);
        settings.queueGroup().ifPresentOrElse(group -> dispatcher.subscribe(settings.subject(), group),
                () -> dispatcher.subscribe(settings.subject()));
        LOG.info("stream handler subscribed to NATS subject {} ({}, up to {} at once)", settings.subject(),
                settings.queueGroup().map(g -> "queue group " + g).orElse("no queue group"), slots.bound());
    }

    /**
     * Takes a slot, then answers the message in place on the dispatcher thread when its steps can run quickly there
     * ({@link MessageRunner#tryQuick}), and on a virtual thread otherwise. Taking the slot first keeps the order of
     * a handler with one slot and the bound of one with more.
     */
    private void dispatch(Message message) throws InterruptedException {
        slots.take();
        Optional<StreamReply> quick;
        try {
            quick = runner.tryQuick(message);
        } catch (RuntimeException e) {
            slots.give(1);
            throw e;
        }
        if (quick.isPresent()) {
            try {
                counter.count(settings.subject(), StreamCounter.IN);
                answer(message, quick.get());
            } finally {
                slots.give(1);
            }
            return;
        }
        slots.run(() -> handle(message));
    }

    private void handle(Message message) {
        counter.count(settings.subject(), StreamCounter.IN);
        answer(message, runner.run(message));
    }

    private void answer(Message message, StreamReply reply) {
        settings.respondTo().ifPresent(subject -> publish(subject, reply));
        if (message.getReplyTo() != null && !message.getReplyTo().isEmpty()) {
            publish(message.getReplyTo(), reply);
        }
    }

    private void publish(String subject, StreamReply reply) {
        try {
            connection.publish(reply.to(subject, connection.getMaxPayload()));
            counter.count(settings.subject(), StreamCounter.OUT);
        } catch (RuntimeException e) {
            LOG.warn("subject={} could not publish the result to {}: {}", settings.subject(), subject, e.getMessage());
        }
    }

    @Override
    public void stopReceiving(Instant deadline) {
        if (dispatcher == null) {
            return;
        }
        try {
            Duration left = Duration.between(Instant.now(), deadline);
            // the client reads zero as no time limit; the deadline itself is kept by awaitIdle
            drained = dispatcher.drain(left.compareTo(MIN_DRAIN) < 0 ? MIN_DRAIN : left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("subject={} could not drain its subscription: {}", settings.subject(), e.getMessage());
        }
    }

    @Override
    public void awaitIdle(Instant deadline) {
        try {
            drained.get(Math.max(0, Duration.between(Instant.now(), deadline).toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("subject={} subscription did not drain in time", settings.subject());
        }
        slots.finish(deadline);
    }
}
