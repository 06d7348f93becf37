package dev.atmo.stream;

import static dev.atmo.stream.Replies.status;
import static dev.atmo.stream.Replies.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atmo.bundle.BundleException;
import dev.atmo.server.AtmoServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A result too large for the NATS server, and a handler that would answer itself forever. */
class NatsLimitsTest {

    @Test
    void aResultLargerThanTheServersMaxPayloadIsAnsweredWithAnError(@TempDir Path dir) throws Exception {
        String url = NatsServerProcess.sharedUrl();
        String id = StreamBundle.unique();
        // echo keeps the body as state "a"; echo-state then answers "a=<body>" twice: twice the body's size
        String handlers = """
                  - type: stream
                    source: nats
                    resource: t.%1$s.big
                    steps:
                      - fn: echo
                        as: a
                      - fn: echo-state
                """.formatted(id);
        AtmoServer server = StreamBundle.start(StreamBundle.write(dir.resolve("bundle"), "com.example.big", url,
                handlers, "echo", "echo-state"));
        try (Connection client = Nats.connect(url)) {
            long max = client.getMaxPayload();
            String body = "a,a" + ",".repeat((int) (max * 2 / 3));
            Message reply = client.request("t." + id + ".big", body.getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(30));
            assertThat(reply).as("a reply to a request whose result is too large").isNotNull();
            assertThat(status(reply)).isEqualTo("500");
            assertThat(text(reply)).isEqualTo("{\"status\":500,\"message\":\"the result of " + (2 * body.length() + 5)
                    + " bytes is larger than the NATS server's max payload of " + max + " bytes\"}");
            Message small = client.request("t." + id + ".big", "a".getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(30));
            assertThat(text(small)).isEqualTo("a=a");
        } finally {
            server.close();
        }
    }

    @Test
    void respondToEqualToTheHandlersOwnSubjectIsRefusedAtStart(@TempDir Path dir) {
        String handlers = """
                  - type: stream
                    source: nats
                    resource: t.loop
                    respondTo: t.loop
                    steps:
                      - fn: echo
                """;
        Path bundle = StreamBundle.write(dir.resolve("bundle"), "com.example.loop", NatsServerProcess.sharedUrl(),
                handlers, "echo");
        assertThatThrownBy(() -> StreamBundle.start(bundle).close())
                .isInstanceOfSatisfying(BundleException.class, e -> assertThat(e.problems().toString()).contains(
                        "handler for resource t.loop has respondTo equal to its own resource: each result would "
                                + "come back to it as a new message, forever; respond to another subject"));
    }
}
