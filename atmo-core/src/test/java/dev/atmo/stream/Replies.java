package dev.atmo.stream;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;

/** Everything published on a subject while a test listens, in arrival order. */
final class Replies {
    static final Duration WAIT = Duration.ofSeconds(60);
    private final List<Message> messages = new CopyOnWriteArrayList<>();

    private Replies() {
    }

    static Replies on(Connection connection, String subject) {
        Replies replies = new Replies();
        Dispatcher dispatcher = connection.createDispatcher(replies.messages::add);
        dispatcher.subscribe(subject);
        try {
            connection.flush(Duration.ofSeconds(5));
        } catch (TimeoutException | InterruptedException e) {
            throw new IllegalStateException("NATS did not confirm the subscription to " + subject, e);
        }
        return replies;
    }

    /** Waits until at least {@code count} messages arrived and returns them all. */
    List<Message> await(int count) {
        Awaitility.await().atMost(WAIT).until(() -> messages.size() >= count);
        return List.copyOf(messages);
    }

    List<Message> all() {
        return List.copyOf(messages);
    }

    List<String> texts() {
        return messages.stream().map(Replies::text).toList();
    }

    static String text(Message message) {
        return new String(message.getData(), StandardCharsets.UTF_8);
    }

    static String status(Message message) {
        return message.getHeaders().getFirst(StreamReply.STATUS_HEADER);
    }
}
