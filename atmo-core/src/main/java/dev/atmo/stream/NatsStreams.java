package dev.atmo.stream;

import dev.atmo.directive.Directive;
import dev.atmo.directive.Handler;
import dev.atmo.directive.NatsConnection;
import dev.atmo.directive.Problem;
import dev.atmo.sequence.Sequence;
import dev.atmo.trace.Tracing;
import io.nats.client.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Directive's NATS stream handlers ({@code type: stream, source: nats}) on one connection to
 * {@code connections.nats.serverAddress}: each handler's subject runs its steps per message and publishes the
 * result to {@code respondTo} and to the sender's reply subject. {@link #close()} drains: handlers stop
 * taking messages, in-flight messages finish and are acknowledged within the grace period, then the
 * connection closes.
 */
public final class NatsStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.stream");
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(5);

    private final Connection connection;
    private final Duration drainGrace;
    private final StreamCounter counter;
    private final Function<String, MessageTimer> timers;
    private final Tracing tracing;
    private final List<NatsSubscriber> subscribers = new ArrayList<>();
    private boolean closed;

    private NatsStreams(Connection connection, NatsOptions options) {
        this.connection = connection;
        this.drainGrace = options.drainGrace();
        this.counter = options.counter();
        this.timers = options.timers();
        this.tracing = options.tracing();
    }

    /** Whether the Directive has any handler for {@code start} to serve. */
    public static boolean hasHandlers(Directive directive) {
        return directive.handlers().stream().anyMatch(Handler::isNatsStream);
    }

    /**
     * Every wrong setting of the Directive's NATS stream handlers, each at its key's line; what {@link #start}
     * would refuse, checked without connecting.
     */
    public static List<Problem> check(Directive directive) {
        List<Problem> problems = new ArrayList<>();
        for (Handler handler : directive.handlers()) {
            if (handler.isNatsStream()) {
                try {
                    NatsHandlerSettings.of(handler, directive.identifier());
                } catch (NatsHandlerSettings.SettingProblem e) {
                    problems.add(e.problem());
                }
            }
        }
        return problems;
    }

    /**
     * Connects and subscribes every NATS stream handler of the Directive.
     *
     * @param sequences the steps each handler runs, built the way the server builds them for HTTP
     * @throws StreamException when a handler's settings are wrong or the server cannot be reached in time
     */
    public static NatsStreams start(Directive directive, Function<Handler, Sequence> sequences,
                                    NatsOptions options) {
        List<Handler> handlers = directive.handlers().stream().filter(Handler::isNatsStream).toList();
        List<NatsHandlerSettings> settings = handlers.stream()
                .map(h -> NatsHandlerSettings.of(h, directive.identifier())).toList();
        NatsConnection nats = directive.connections().nats().orElseThrow(() ->
                new StreamException("the Directive has NATS stream handlers but no connections.nats.serverAddress"));
        String name = directive.identifier().isEmpty() ? "atmo" : directive.identifier();
        NatsStreams streams = new NatsStreams(NatsConnector.connect(nats.serverAddress(), name, options.connectWait()),
                options);
        try {
            for (int i = 0; i < handlers.size(); i++) {
                streams.subscribe(settings.get(i), sequences.apply(handlers.get(i)));
            }
            streams.connection.flush(FLUSH_WAIT);
        } catch (RuntimeException e) {
            streams.close();
            throw e;
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            streams.close();
            throw new StreamException("NATS at " + nats.serverAddress() + " did not confirm the subscriptions", e);
        }
        return streams;
    }

    private void subscribe(NatsHandlerSettings handler, Sequence sequence) {
        if (handler.feedsItself()) {
            LOG.warn("{}: respondTo {} matches the handler's own subject, so every result is handled again",
                    handler.describe(), handler.respondTo().orElseThrow());
        }
        MessageRunner runner = new MessageRunner(sequence, handler.gravEnvelope(), timers.apply(handler.subject()),
                tracing);
        NatsSubscriber subscriber = handler.jetStream().isPresent()
                ? new JetStreamSubscriber(connection, handler, runner, counter)
                : new CoreSubscriber(connection, handler, runner, counter);
        subscriber.start();
        subscribers.add(subscriber);
    }

    /** Whether the connection to NATS is up right now (it reconnects by itself when it is not). */
    public boolean connected() {
        return connection.getStatus() == Connection.Status.CONNECTED;
    }

    /** Messages this process's NATS connection has read, for tests that wait until every message arrived. */
    long messagesReceived() {
        return connection.getStatistics().getInMsgs();
    }

    /** Drains within the grace period of {@link NatsOptions#drainGrace()}, then closes the connection. */
    @Override
    public void close() {
        drain(drainGrace);
    }

    /**
     * Stops every handler taking messages, lets those in flight finish (JetStream ones acknowledged) within
     * {@code grace}, interrupts what still runs, then closes the connection; calling it again does nothing.
     */
    public synchronized void drain(Duration grace) {
        if (closed) {
            return;
        }
        closed = true;
        Instant deadline = Instant.now().plus(grace);
        subscribers.forEach(s -> s.stopReceiving(deadline));
        subscribers.forEach(s -> s.awaitIdle(deadline));
        try {
            connection.flush(FLUSH_WAIT);
            connection.close();
        } catch (TimeoutException | IllegalStateException e) {
            LOG.warn("could not flush the last NATS messages: {}", e.getMessage());
            closeNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeNow();
        }
    }

    private void closeNow() {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
