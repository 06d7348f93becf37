package dev.atmo.bench;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;

/**
 * The reference NATS subscriber: a bare jnats dispatcher on the same subject and queue group as the Atmo stream
 * handler, doing the same work without Wasm: it answers each message on its reply subject with
 * {@code hello <payload>} and the {@code Atmo-Status: 200} header that Atmo's replies carry.
 *
 * <p>usage: {@code java -cp benchmarks.jar dev.atmo.bench.BareNatsEcho <nats url> <subject> [queue group]}
 */
public final class BareNatsEcho {
    private static final byte[] PREFIX = "hello ".getBytes(StandardCharsets.US_ASCII);

    private BareNatsEcho() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "nats://127.0.0.1:4222";
        String subject = args.length > 1 ? args[1] : "bench.bare";
        String group = args.length > 2 ? args[2] : "bench-bare";
        Connection connection = Nats.connect(new Options.Builder().server(url).connectionName("bare-echo").build());
        Dispatcher dispatcher = connection.createDispatcher(message -> reply(connection, message));
        dispatcher.setPendingLimits(65_536, 64L * 1024 * 1024);
        dispatcher.subscribe(subject, group);
        connection.flush(java.time.Duration.ofSeconds(5));
        System.out.println("BareNatsEcho subscribed to " + subject + " (queue group " + group + ") on " + url);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        Thread.currentThread().join();
    }

    private static void reply(Connection connection, Message message) {
        String replyTo = message.getReplyTo();
        if (replyTo == null || replyTo.isEmpty()) {
            return;
        }
        byte[] in = message.getData() == null ? new byte[0] : message.getData();
        byte[] out = new byte[PREFIX.length + in.length];
        System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
        System.arraycopy(in, 0, out, PREFIX.length, in.length);
        Headers headers = new Headers();
        headers.put("Atmo-Status", "200");
        connection.publish(NatsMessage.builder().subject(replyTo).headers(headers).data(out).build());
    }
}
