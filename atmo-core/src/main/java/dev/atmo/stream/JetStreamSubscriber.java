package dev.atmo.stream;

import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A handler consuming a JetStream stream through a durable pull consumer ({@link JetStreamSetup}) with explicit
 * acknowledgement: this class is the pull loop and the settling of each message. It asks the server for only as
 * many messages as it has free slots; a message is acknowledged after its steps complete and its result is
 * published ({@link ResultPublisher}), negatively acknowledged (redelivered after a short, growing delay) when
 * they fail, and terminated after {@code maxDeliver} deliveries. Several processes sharing the durable consumer
 * split the stream's messages.
 */
final class JetStreamSubscriber implements NatsSubscriber {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.stream");
    private static final int MAX_BATCH = 256;
    private static final Duration PULL_WAIT = Duration.ofSeconds(1);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(2);
    private static final int ACK_ATTEMPTS = 5;
    private static final Duration ACK_RETRY = Duration.ofMillis(500);
    private static final Duration NAK_STEP = Duration.ofMillis(250);
    private static final Duration NAK_MAX = Duration.ofSeconds(5);
    private static final Duration PROGRESS_EVERY = JetStreamSetup.ACK_WAIT.dividedBy(3);

    private final Connection connection;
    private final NatsHandlerSettings settings;
    private final NatsHandlerSettings.JetStreamSettings js;
    private final MessageRunner runner;
    private final StreamCounter counter;
    private final MessageSlots slots;
    private final ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("nats-progress").factory());
    private volatile boolean running = true;
    private ResultPublisher results;
    private JetStreamSubscription subscription;
    private Thread puller;

    JetStreamSubscriber(Connection connection, NatsHandlerSettings settings, MessageRunner runner,
                        StreamCounter counter) {
        this.connection = connection;
        this.settings = settings;
        this.js = settings.jetStream().orElseThrow();
        this.runner = runner;
        this.counter = counter;
        this.slots = new MessageSlots(settings.subject(), settings.maxConcurrency());
    }

    @Override
    public void start() {
        JetStreamSetup.Bound bound = JetStreamSetup.bind(connection, settings);
        subscription = bound.subscription();
        results = new ResultPublisher(connection, bound, settings, counter);
        puller = Thread.ofVirtual().name("nats-pull-" + js.durable()).start(this::pull);
        LOG.info("stream handler consuming NATS subject {} from JetStream stream {} (durable {}, up to {} at once,"
                + " at most {} deliveries)", settings.subject(), js.stream(), js.durable(), slots.bound(),
                js.maxDeliver());
    }

    private void pull() {
        boolean failing = false;
        while (running) {
            try {
                if (connection.getStatus() != Connection.Status.CONNECTED) {
                    Thread.sleep(PULL_WAIT.dividedBy(4));
                    continue;
                }
                if (!slots.take(PULL_WAIT)) {
                    continue;
                }
                if (!running) {
                    slots.give(1);
                    return;
                }
                int asked = 1 + slots.takeFree(Math.min(MAX_BATCH, slots.bound()) - 1);
                int received = 0;
                try {
                    Iterator<Message> messages = subscription.iterate(asked, PULL_WAIT);
                    while (messages.hasNext()) {
                        Message message = messages.next();
                        received++;
                        slots.run(() -> handle(message));
                    }
                } finally {
                    slots.give(asked - received);
                }
                failing = false;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!failing) {
                    LOG.warn("subject={} cannot pull from JetStream stream {}: {}", settings.subject(), js.stream(),
                            e.getMessage());
                    failing = true;
                }
                if (!pause(PULL_WAIT)) {
                    return;
                }
            }
        }
    }

    private void handle(Message message) {
        counter.count(settings.subject(), StreamCounter.IN);
        StreamReply reply = runSteps(message);
        long delivered = message.metaData().deliveredCount();
        try {
            if (reply.completed()) {
                if (results.publish(reply)) {
                    acknowledge(message);
                } else {
                    redeliver(message, delivered);
                }
            } else if (!reply.retryable() || delivered >= js.maxDeliver()) {
                results.publish(reply);
                message.term();
                LOG.warn("subject={} message {} of stream {} failed on delivery {} of {} and is given up",
                        message.getSubject(), message.metaData().streamSequence(), js.stream(), delivered,
                        js.maxDeliver());
            } else {
                redeliver(message, delivered);
                LOG.info("subject={} message {} of stream {} failed on delivery {} of {} and will be redelivered",
                        message.getSubject(), message.metaData().streamSequence(), js.stream(), delivered,
                        js.maxDeliver());
            }
        } catch (RuntimeException e) {
            LOG.warn("subject={} could not settle message {} of stream {} (it will be redelivered): {}",
                    message.getSubject(), message.metaData().streamSequence(), js.stream(), e.getMessage());
        }
    }

    /**
     * Runs the steps, telling the server every {@link #PROGRESS_EVERY} that the message is still being
     * worked on, so a sequence running longer than the acknowledgement wait is not delivered a second time.
     */
    private StreamReply runSteps(Message message) {
        long every = PROGRESS_EVERY.toMillis();
        ScheduledFuture<?> working = progress.scheduleAtFixedRate(() -> stillWorking(message), every, every,
                TimeUnit.MILLISECONDS);
        try {
            return runner.run(message);
        } finally {
            working.cancel(false);
        }
    }

    private static void stillWorking(Message message) {
        try {
            message.inProgress();
        } catch (RuntimeException e) {
            LOG.debug("subject={} progress signal not sent: {}", message.getSubject(), e.getMessage());
        }
    }

    /** Hands the message back to be delivered again after a short delay growing with each delivery. */
    private void redeliver(Message message, long delivered) {
        Duration delay = NAK_STEP.multipliedBy(Math.max(1, delivered));
        message.nakWithDelay(delay.compareTo(NAK_MAX) > 0 ? NAK_MAX : delay);
        counter.count(settings.subject(), StreamCounter.REDELIVERED);
    }

    /** Acknowledges and waits for the server to confirm, retrying while the connection recovers. */
    private void acknowledge(Message message) {
        for (int attempt = 1; attempt <= ACK_ATTEMPTS; attempt++) {
            try {
                message.ackSync(ACK_TIMEOUT);
                return;
            } catch (TimeoutException | IllegalStateException e) {
                if (!pause(ACK_RETRY)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.warn("subject={} acknowledgement of message {} of stream {} was not confirmed; it may be delivered again",
                message.getSubject(), message.metaData().streamSequence(), js.stream());
    }

    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void stopReceiving(Instant deadline) {
        running = false;
    }

    @Override
    public void awaitIdle(Instant deadline) {
        if (puller != null) {
            try {
                if (!puller.join(Duration.between(Instant.now(), deadline).plus(PULL_WAIT))) {
                    puller.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        slots.finish(deadline);
        progress.shutdownNow();
        if (subscription != null) {
            try {
                subscription.unsubscribe();
            } catch (RuntimeException e) {
                LOG.debug("subject={} unsubscribe: {}", settings.subject(), e.getMessage());
            }
        }
    }
}
