package dev.atmo.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.server.AtmoServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several Atmo processes on one subject share its messages through their queue group. */
@SuppressWarnings("try")
class QueueGroupTest {
    private static final int MESSAGES = 1_000;

    @TempDir
    Path dir;

    /**
     * Both servers share the Directive identifier (the default queue group) but run different Runnables, so
     * each result tells which server produced it: {@code upper} answers {@code M-7}, {@code helloworld-rs}
     * answers {@code hello m-7}.
     */
    @Test
    void twoServersInOneQueueGroupProcessEachMessageExactlyOnce() throws Exception {
        String url = NatsServerProcess.sharedUrl();
        String id = StreamBundle.unique();
        String identifier = "com.example.group" + id;
        String handler = """
                  - type: stream
                    source: nats
                    resource: g.%1$s.in
                    respondTo: g.%1$s.out
                    steps:
                      - fn: %2$s
                """;
        Path upper = StreamBundle.write(dir.resolve("upper"), identifier, url, handler.formatted(id, "upper"),
                "upper");
        Path hello = StreamBundle.write(dir.resolve("hello"), identifier, url,
                handler.formatted(id, "helloworld-rs"), "helloworld-rs");
        try (AtmoServer first = StreamBundle.start(upper); AtmoServer second = StreamBundle.start(hello);
             Connection client = Nats.connect(url)) {
            Replies out = Replies.on(client, "g." + id + ".out");
            for (int i = 0; i < MESSAGES; i++) {
                client.publish("g." + id + ".in", ("m-" + i).getBytes(StandardCharsets.UTF_8));
            }
            client.flush(Duration.ofSeconds(10));
            out.await(MESSAGES);
            // both servers have finished and published all they took; any duplicate has arrived after a flush
            first.close();
            second.close();
            client.flush(Duration.ofSeconds(10));

            List<Message> results = out.all();
            Map<Integer, Integer> times = new HashMap<>();
            int byUpper = 0;
            int byHello = 0;
            for (Message result : results) {
                String text = Replies.text(result);
                if (text.startsWith("M-")) {
                    byUpper++;
                    times.merge(Integer.parseInt(text.substring(2)), 1, Integer::sum);
                } else {
                    assertThat(text).startsWith("hello m-");
                    byHello++;
                    times.merge(Integer.parseInt(text.substring("hello m-".length())), 1, Integer::sum);
                }
            }
            assertThat(results).hasSize(MESSAGES);
            assertThat(times.keySet()).containsExactlyInAnyOrderElementsOf(IntStream.range(0, MESSAGES).boxed().toList());
            assertThat(times.values()).containsOnly(1);
            assertThat(byUpper).as("messages processed by the first server").isPositive();
            assertThat(byHello).as("messages processed by the second server").isPositive();
        }
    }
}
