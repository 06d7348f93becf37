package dev.atmo.stream;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a NATS connection (for stream handlers and schedule leases): retries at start-up until the wait is over
 * (the server may come up after Atmo), then reconnects forever with a growing delay; every connection event is
 * one log line.
 */
public final class NatsConnector {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.stream");
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY = Duration.ofSeconds(1);
    private static final Duration RECONNECT_STEP = Duration.ofMillis(250);
    private static final Duration MAX_RECONNECT_WAIT = Duration.ofSeconds(5);

    private NatsConnector() {
    }

    /**
     * Connects to {@code address}, retrying for up to {@code wait}; the connection then reconnects by itself.
     *
     * @throws StreamException when the address is not a NATS address or the server cannot be reached in time
     */
    public static Connection connect(String address, String name, Duration wait) {
        Events events = new Events();
        Options options;
        try {
            options = new Options.Builder().server(address).connectionName(name)
                    .connectionTimeout(Duration.ofSeconds(2)).maxReconnects(-1)
                    .reconnectDelayHandler(NatsConnector::reconnectDelay)
                    .connectionListener(events).errorListener(events).build();
        } catch (IllegalArgumentException e) {
            throw new StreamException("connections.nats.serverAddress " + address + " is not a NATS address: "
                    + e.getMessage(), e);
        }
        Instant deadline = Instant.now().plus(wait);
        Duration pause = FIRST_RETRY;
        boolean waiting = false;
        while (true) {
            try {
                return Nats.connect(options);
            } catch (IOException e) {
                if (Instant.now().plus(pause).isAfter(deadline)) {
                    throw new StreamException("cannot connect to NATS at " + address + " (tried for "
                            + seconds(wait) + "): " + e.getMessage(), e);
                }
                if (!waiting) {
                    LOG.info("waiting for NATS at {}: {}", address, e.getMessage());
                    waiting = true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StreamException("interrupted while connecting to NATS at " + address, e);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StreamException("interrupted while connecting to NATS at " + address, e);
            }
            pause = pause.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : pause.multipliedBy(2);
        }
    }

    private static String seconds(Duration wait) {
        return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() / 1000.0 + " s";
    }

    private static Duration reconnectDelay(long attempts) {
        Duration delay = RECONNECT_STEP.multipliedBy(1L << Math.min(attempts, 5));
        return delay.compareTo(MAX_RECONNECT_WAIT) > 0 ? MAX_RECONNECT_WAIT : delay;
    }

    /**
     * Connection events and client errors as operator log lines: one line when the connection goes down and one
     * when it is back, not one per failed attempt; failed attempts before the first connection are summed up
     * by {@link #connect} instead.
     */
    private static final class Events implements ConnectionListener, ErrorListener {
        private volatile boolean everConnected;
        private volatile boolean up;

        @Override
        @SuppressWarnings("deprecation")
        public void connectionEvent(Connection connection, ConnectionListener.Events event) {
            String server = String.valueOf(connection.getConnectedUrl());
            switch (event) {
                case CONNECTED -> {
                    everConnected = true;
                    up = true;
                    LOG.info("connected to NATS at {}", server);
                }
                case RECONNECTED -> {
                    up = true;
                    LOG.info("reconnected to NATS at {}", server);
                }
                case DISCONNECTED -> {
                    if (up) {
                        up = false;
                        LOG.warn("lost the connection to NATS; reconnecting");
                    }
                }
                case RESUBSCRIBED -> LOG.info("NATS subscriptions restored");
                case CLOSED -> {
                    up = false;
                    if (everConnected) {
                        LOG.info("NATS connection closed");
                    }
                }
                case LAME_DUCK -> LOG.warn("NATS server {} is shutting down (lame duck mode)", server);
                default -> LOG.debug("NATS connection event: {}", event);
            }
        }

        @Override
        public void errorOccurred(Connection connection, String error) {
            LOG.warn("NATS server reported: {}", error);
        }

        @Override
        public void exceptionOccurred(Connection connection, Exception exception) {
            if (up) {
                LOG.warn("NATS connection problem: {}", exception.toString());
            }
        }

        @Override
        public void slowConsumerDetected(Connection connection, Consumer consumer) {
            LOG.warn("NATS slow consumer: {} messages pending, {} dropped so far", consumer.getPendingMessageCount(),
                    consumer.getDroppedCount());
        }
    }
}
