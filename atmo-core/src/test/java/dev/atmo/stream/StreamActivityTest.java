package dev.atmo.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atmo.server.AtmoServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NATS stream handlers and the NATS connection as the admin page's {@code /meta/status} shows them. */
class StreamActivityTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void messagesAndFailuresAreCountedPerHandlerAndTheConnectionIsUpOrDown(@TempDir Path storage, @TempDir Path dir)
            throws Exception {
        String id = StreamBundle.unique();
        try (NatsServerProcess nats = NatsServerProcess.start(storage);
             AtmoServer server = StreamBundle.start(StreamBundle.write(dir, "com.example.activity", nats.url(), """
                       - type: stream
                         source: nats
                         resource: a.%1$s.hello
                         steps:
                           - fn: helloworld-rs
                       - type: stream
                         source: nats
                         resource: a.%1$s.fail
                         steps:
                           - fn: fail-with
                     """.formatted(id), "helloworld-rs", "fail-with"));
             Connection client = Nats.connect(nats.url())) {
            request(client, "a." + id + ".hello", "one");
            request(client, "a." + id + ".hello", "two");
            assertThat(request(client, "a." + id + ".fail", "500 broken").getHeaders().getFirst("Atmo-Status"))
                    .isEqualTo("500");

            JsonNode status = status(server);
            JsonNode hello = named(status.path("handlers"), "a." + id + ".hello");
            assertThat(hello.path("kind").asText()).isEqualTo("nats");
            assertThat(hello.path("requests").asLong()).isEqualTo(2);
            assertThat(hello.path("errors").asLong()).isZero();
            JsonNode fail = named(status.path("handlers"), "a." + id + ".fail");
            assertThat(fail.path("requests").asLong()).isEqualTo(1);
            assertThat(fail.path("errors").asLong()).isEqualTo(1);
            assertThat(status.path("connections").toString()).isEqualTo(
                    "[{\"kind\":\"nats\",\"address\":\"" + nats.url() + "\",\"up\":true}]");

            nats.stop();
            await().atMost(WAIT).until(() -> !status(server).at("/connections/0/up").asBoolean());
            nats.startAgain();
            await().atMost(WAIT).until(() -> status(server).at("/connections/0/up").asBoolean());
        }
    }

    private static Message request(Connection client, String subject, String body) throws InterruptedException {
        Message reply = client.request(subject, body.getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(reply).as("reply to a request on %s", subject).isNotNull();
        return reply;
    }

    private static JsonNode status(AtmoServer server) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/meta/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }

    private static JsonNode named(JsonNode list, String name) {
        return StreamSupport.stream(list.spliterator(), false).filter(n -> n.path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("nothing named " + name + " in " + list));
    }
}
