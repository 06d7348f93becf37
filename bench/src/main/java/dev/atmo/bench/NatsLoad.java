package dev.atmo.bench;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Load generator for a NATS echo service (an Atmo stream handler or {@link BareNatsEcho}): message rate with a
 * bounded window of messages in flight, each answered on one reply subject, then request-reply latency one
 * request at a time. Prints one JSON line.
 *
 * <p>usage: {@code NatsLoad <nats url> <subject> <messages> <window> <payload bytes> <latency samples>
 * [warm-up seconds] [seconds cap]}
 */
public final class NatsLoad {
    /** Replies that were not {@code hello <payload>} (error replies) during the measured rate run. */
    private static final AtomicLong errors = new AtomicLong();
    private static final AtomicReference<String> firstError = new AtomicReference<>("");

    private NatsLoad() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String subject = args[1];
        int messages = Integer.parseInt(args[2]);
        int window = Integer.parseInt(args[3]);
        int payloadBytes = Integer.parseInt(args[4]);
        int samples = Integer.parseInt(args[5]);
        long warmSeconds = args.length > 6 ? Long.parseLong(args[6]) : 10;
        long capSeconds = args.length > 7 ? Long.parseLong(args[7]) : 120;
        byte[] payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) 'x');
        try (Connection connection = Nats.connect(new Options.Builder().server(url).connectionName("bench-load")
                .maxMessagesInOutgoingQueue(1_000_000).build())) {
            check(connection, subject, payload);
            long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmSeconds);
            do {
                rate(connection, subject, payload, Math.max(1, Math.min(messages, 20_000)), window, capSeconds);
            } while (System.nanoTime() < warmEnd);
            errors.set(0);
            firstError.set("");
            double rate = rate(connection, subject, payload, messages, window, capSeconds);
            long rateErrors = errors.get();
            for (int i = 0; i < Math.min(200, samples); i++) {
                connection.request(subject, payload, Duration.ofSeconds(5));
            }
            long[] nanos = new long[samples];
            for (int i = 0; i < samples; i++) {
                long start = System.nanoTime();
                Message reply = connection.request(subject, payload, Duration.ofSeconds(5));
                nanos[i] = System.nanoTime() - start;
                if (reply == null) {
                    throw new IllegalStateException("no reply within 5 s");
                }
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT,
                    "{\"msgsPerSec\":%.1f,\"p50us\":%.1f,\"p99us\":%.1f,\"p999us\":%.1f,\"messages\":%d,\"window\":%d,"
                            + "\"errors\":%d,\"firstError\":%s}%n",
                    rate, pct(nanos, 50) / 1e3, pct(nanos, 99) / 1e3, pct(nanos, 99.9) / 1e3, messages, window,
                    rateErrors, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(firstError.get()));
        }
    }

    private static void check(Connection connection, String subject, byte[] payload) throws InterruptedException {
        Message reply = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (reply == null && System.nanoTime() < deadline) {
            try {
                reply = connection.request(subject, payload, Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                Thread.sleep(100);
            }
        }
        if (reply == null) {
            throw new IllegalStateException("no reply from " + subject);
        }
        String body = new String(reply.getData(), StandardCharsets.UTF_8);
        if (!body.equals("hello " + new String(payload, StandardCharsets.UTF_8))) {
            throw new IllegalStateException("unexpected reply from " + subject + ": " + body);
        }
    }

    private static double rate(Connection connection, String subject, byte[] payload, int messages, int window,
                               long capSeconds) throws InterruptedException {
        String inbox = connection.createInbox();
        Semaphore permits = new Semaphore(window);
        CountDownLatch done = new CountDownLatch(messages);
        AtomicLong received = new AtomicLong();
        Dispatcher dispatcher = connection.createDispatcher(message -> {
            if (message.getData() == null || message.getData().length != payload.length + 6) {
                if (errors.getAndIncrement() == 0) {
                    firstError.set(message.getData() == null ? "" : new String(message.getData(), StandardCharsets.UTF_8));
                }
            }
            received.incrementAndGet();
            permits.release();
            done.countDown();
        });
        dispatcher.subscribe(inbox);
        try {
            connection.flush(Duration.ofSeconds(5));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(capSeconds);
        for (int i = 0; i < messages; i++) {
            if (!permits.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            connection.publish(subject, inbox, payload);
        }
        done.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        long elapsed = System.nanoTime() - start;
        connection.closeDispatcher(dispatcher);
        return received.get() / (elapsed / 1e9);
    }

    private static long pct(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
