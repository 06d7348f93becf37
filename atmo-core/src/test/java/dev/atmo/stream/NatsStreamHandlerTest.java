package dev.atmo.stream;

import static dev.atmo.stream.Replies.status;
import static dev.atmo.stream.Replies.text;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NATS stream handlers of a running Atmo, driven by a real NATS client through a real nats-server. */
class NatsStreamHandlerTest {
    private static final Duration REQUEST_WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = StreamBundle.unique();

    @TempDir
    static Path dir;
    private static AtmoServer server;
    private static Connection client;

    @BeforeAll
    static void start() throws Exception {
        String url = NatsServerProcess.sharedUrl();
        String handlers = """
                  - type: stream
                    source: nats
                    resource: t.%1$s.upper
                    respondTo: t.%1$s.upper.done
                    steps:
                      - fn: upper
                  - type: stream
                    source: nats
                    resource: t.%1$s.any.*
                    steps:
                      - fn: echo-request
                  - type: stream
                    source: nats
                    resource: t.%1$s.fail
                    steps:
                      - fn: fail-with
                  - type: stream
                    source: nats
                    resource: t.%1$s.grav
                    respondTo: t.%1$s.grav.done
                    envelope: grav
                    steps:
                      - fn: helloworld-rs
                  - type: stream
                    source: nats
                    resource: t.%1$s.slow
                    respondTo: t.%1$s.slow.done
                    maxConcurrency: 2
                    steps:
                      - fn: slow
                """.formatted(ID);
        server = StreamBundle.start(StreamBundle.write(dir.resolve("bundle"), "com.example.streams", url, handlers,
                "upper", "echo-request", "fail-with", "helloworld-rs", "slow"));
        client = Nats.connect(url);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        if (client != null) {
            client.close();
        }
    }

    private static Message request(String subject, String body) throws InterruptedException {
        Message reply = client.request(subject, body.getBytes(StandardCharsets.UTF_8), REQUEST_WAIT);
        assertThat(reply).as("reply to a request on %s", subject).isNotNull();
        return reply;
    }

    @Test
    void theServerIsReadyWhileItsNatsConnectionIsUp() throws Exception {
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
    }

    @Test
    void resultIsPublishedToRespondToWithStatus200() {
        Replies done = Replies.on(client, "t." + ID + ".upper.done");
        client.publish("t." + ID + ".upper", "hello, nats".getBytes(StandardCharsets.UTF_8));
        Message result = done.await(1).get(0);
        assertThat(text(result)).isEqualTo("HELLO, NATS");
        assertThat(status(result)).isEqualTo("200");
    }

    @Test
    void requestReplyGetsTheResultAndRespondToGetsItToo() throws Exception {
        Replies done = Replies.on(client, "t." + ID + ".upper.done");
        Message reply = request("t." + ID + ".upper", "ask");
        assertThat(text(reply)).isEqualTo("ASK");
        assertThat(status(reply)).isEqualTo("200");
        assertThat(text(done.await(1).get(0))).isEqualTo("ASK");
    }

    @Test
    void wildcardSubjectRunsWithMethodStreamAndTheMessageSubjectAsUrl() throws Exception {
        String one = text(request("t." + ID + ".any.one", "first"));
        String two = text(request("t." + ID + ".any.two", "second"));
        assertThat(one).startsWith("method=STREAM url=t." + ID + ".any.one id=").contains(" body=first ");
        assertThat(two).startsWith("method=STREAM url=t." + ID + ".any.two id=").contains(" body=second ");
        assertThat(one.split(" ")[2]).isNotEqualTo(two.split(" ")[2]);
    }

    @Test
    void runnableErrorRepliesWithStatusJsonAndHeaderAndTheHandlerKeepsServing() throws Exception {
        Message notFound = request("t." + ID + ".fail", "404 not here");
        assertThat(text(notFound)).isEqualTo("{\"status\":404,\"message\":\"not here\"}");
        assertThat(status(notFound)).isEqualTo("404");

        Message outOfRange = request("t." + ID + ".fail", "700 weird");
        assertThat(text(outOfRange)).isEqualTo("{\"status\":500,\"message\":\"weird\"}");
        assertThat(status(outOfRange)).isEqualTo("500");

        Message again = request("t." + ID + ".fail", "418 teapot");
        assertThat(text(again)).isEqualTo("{\"status\":418,\"message\":\"teapot\"}");
    }

    @Test
    void gravEnvelopeIsReadAndTheResultIsSealedInOne() throws Exception {
        Replies done = Replies.on(client, "t." + ID + ".grav.done");
        String envelope = """
                {"meta":{"uuid":"in-1","parent_id":"","response_to":"","msg_type":"t.%s.grav",\
                "timestamp":"2024-05-01T10:00:00Z"},"payload":{"data":"%s"}}""".formatted(ID,
                Base64.getEncoder().encodeToString("world".getBytes(StandardCharsets.UTF_8)));
        client.publish("t." + ID + ".grav", envelope.getBytes(StandardCharsets.UTF_8));

        JsonNode reply = JSON.readTree(done.await(1).get(0).getData());
        assertThat(reply.at("/meta/response_to").asText()).isEqualTo("in-1");
        assertThat(reply.at("/meta/msg_type").asText()).isEqualTo("t." + ID + ".grav.done");
        assertThat(reply.at("/meta/parent_id").asText()).isEmpty();
        assertThat(reply.at("/meta/uuid").asText()).isNotEmpty().isNotEqualTo("in-1");
        assertThat(reply.at("/meta/timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*Z");
        assertThat(new String(Base64.getDecoder().decode(reply.at("/payload/data").asText()), StandardCharsets.UTF_8))
                .isEqualTo("hello world");
    }

    @Test
    void gravHandlerRepliesToAPayloadThatIsNoEnvelopeWith400() throws Exception {
        Message reply = request("t." + ID + ".grav", "plain bytes");
        assertThat(status(reply)).isEqualTo("400");
        JsonNode envelope = JSON.readTree(reply.getData());
        String data = new String(Base64.getDecoder().decode(envelope.at("/payload/data").asText()),
                StandardCharsets.UTF_8);
        assertThat(data).isEqualTo("{\"status\":400,\"message\":\"payload is not a JSON message envelope\"}");
    }

    @Test
    void slowHandlerNeverRunsMoreThanItsBoundAtOnce() {
        Replies done = Replies.on(client, "t." + ID + ".slow.done");
        long started = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            client.publish("t." + ID + ".slow", "300".getBytes(StandardCharsets.UTF_8));
        }
        List<Message> results = done.await(6);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(results).extracting(Replies::text).containsOnly("slept 300");
        // two at a time, six messages of at least 300 ms each: three rounds one after the other
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }
}
