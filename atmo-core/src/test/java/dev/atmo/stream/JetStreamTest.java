package dev.atmo.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atmo.directive.Directive;
import dev.atmo.server.AtmoServer;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JetStream-backed handlers against a nats-server of the test's own (so it can be restarted): durable
 * consumption across restarts, acknowledgement after success, bounded redelivery, pulling only what fits.
 */
@SuppressWarnings("try")
class JetStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path storage;
    private static NatsServerProcess nats;

    @TempDir
    Path dir;
    private final String id = StreamBundle.unique();
    private Connection client;

    @BeforeAll
    static void startNats() {
        nats = NatsServerProcess.start(storage);
    }

    @AfterAll
    static void stopNats() {
        nats.close();
    }

    @BeforeEach
    void connect() throws Exception {
        client = Nats.connect(new Options.Builder().server(nats.url()).maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(100)).errorListener(new ErrorListener() {
                }).build());
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        client.close();
    }

    private String handler(String steps, String extensions) {
        return """
                  - type: stream
                    source: nats
                    resource: js.%1$s.in
                    respondTo: js.%1$s.out
                    jetstream: IN_%1$s
                %2$s
                    steps:
                      - fn: %3$s
                """.formatted(id, extensions.indent(4).stripTrailing(), steps);
    }

    /** Captures the handler's results in a stream of their own, so none is missed while anything restarts. */
    private void captureResults() throws Exception {
        client.jetStreamManagement().addStream(StreamConfiguration.builder().name("OUT_" + id)
                .subjects("js." + id + ".out").storageType(StorageType.File).build());
    }

    private List<String> results() throws Exception {
        JetStreamManagement jsm = client.jetStreamManagement();
        long count = jsm.getStreamInfo("OUT_" + id).getStreamState().getMsgCount();
        List<String> texts = new ArrayList<>();
        for (long seq = 1; seq <= count; seq++) {
            texts.add(new String(jsm.getMessage("OUT_" + id, seq).getData(), StandardCharsets.UTF_8));
        }
        return texts;
    }

    /** The uuids the envelopes of the results answer, in the order they were stored. */
    private List<String> answered() throws Exception {
        List<String> uuids = new ArrayList<>();
        for (String result : results()) {
            uuids.add(JSON.readTree(result).at("/meta/response_to").asText());
        }
        return uuids;
    }

    private void publishEnvelopes(int from, int to, String data) throws Exception {
        for (int i = from; i < to; i++) {
            String envelope = "{\"meta\":{\"uuid\":\"m-" + i + "\"},\"payload\":{\"data\":\""
                    + Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)) + "\"}}";
            client.jetStream().publish("js." + id + ".in", envelope.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static List<String> uuids(int count) {
        return IntStream.range(0, count).mapToObj(i -> "m-" + i).toList();
    }

    /**
     * A bundle whose handler takes enveloped messages (uuid {@code m-<n>}, a number of milliseconds as data),
     * runs {@code slow} two at a time and publishes into a stream of results; each result answers its uuid.
     */
    private Path slowBundleWithCapturedResults() throws Exception {
        captureResults();
        return StreamBundle.write(dir.resolve("bundle"), "com.example.js", nats.url(),
                handler("slow", "envelope: grav\nmaxConcurrency: 2"), "slow");
    }

    @Test
    void nothingIsLostWhenAtmoRestarts() throws Exception {
        Path bundle = slowBundleWithCapturedResults();
        try (AtmoServer first = StreamBundle.start(bundle)) {
            publishEnvelopes(0, 20, "50");
            await().atMost(WAIT).until(() -> results().size() >= 4);
        }
        publishEnvelopes(20, 30, "50");
        int beforeRestart = results().size();
        assertThat(beforeRestart).isLessThan(30);
        try (AtmoServer second = StreamBundle.start(bundle)) {
            await().atMost(WAIT).until(() -> answered().containsAll(uuids(30)));
        }
        assertThat(answered()).as("a graceful stop acknowledges what it finished").doesNotHaveDuplicates();
    }

    @Test
    void nothingIsLostWhenTheNatsServerRestarts() throws Exception {
        Path bundle = slowBundleWithCapturedResults();
        try (AtmoServer server = StreamBundle.start(bundle)) {
            publishEnvelopes(0, 30, "50");
            await().atMost(WAIT).until(() -> results().size() >= 4);
            assertThat(results()).as("messages still to do when the server stops").hasSizeLessThan(30);
            nats.stop();
            nats.startAgain();
            await().atMost(WAIT).until(() -> client.getStatus() == Connection.Status.CONNECTED);
            publishEnvelopes(30, 40, "50");
            await().atMost(WAIT).until(() -> answered().containsAll(uuids(40)));
        }
    }

    @Test
    void aFailingStepIsRedeliveredUpToMaxDeliverThenGivenUpWithItsError() throws Exception {
        Path bundle = StreamBundle.write(dir.resolve("bundle"), "com.example.js", nats.url(),
                handler("slow", "maxDeliver: 3"), "slow");
        Replies settled = Replies.on(client, "$JS.ACK.IN_" + id + ".>");
        Replies out = Replies.on(client, "js." + id + ".out");
        try (AtmoServer server = StreamBundle.start(bundle)) {
            client.jetStream().publish("js." + id + ".in", "soon".getBytes(StandardCharsets.UTF_8));
            Message error = out.await(1).get(0);
            assertThat(Replies.text(error)).isEqualTo("{\"status\":400,\"message\":\"invalid duration: soon\"}");
            assertThat(Replies.status(error)).isEqualTo("400");
            await().atMost(WAIT).until(() -> settled.texts().size() >= 3);
            assertThat(settled.texts()).satisfiesExactly(
                    first -> assertThat(first).startsWith("-NAK"),
                    second -> assertThat(second).startsWith("-NAK"),
                    third -> assertThat(third).isEqualTo("+TERM"));

            client.jetStream().publish("js." + id + ".in", "1".getBytes(StandardCharsets.UTF_8));
            assertThat(Replies.text(out.await(2).get(1))).isEqualTo("slept 1");
            await().atMost(WAIT).until(() -> settled.texts().size() == 4);
            assertThat(settled.texts().get(3)).isEqualTo("+ACK");
        }
    }

    @Test
    void aStepFailingOnItsFirstDeliveryIsRedeliveredAndThenSucceeds() throws Exception {
        captureResults();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ScriptedSteps steps = new ScriptedSteps().answer(body -> seen.add(body)
                ? ScriptedSteps.failure(503, "not yet")
                : ScriptedSteps.success(body.toUpperCase()));
        Directive directive = StreamBundle.load("com.example.js", nats.url(), handler("work", ""));
        try (NatsStreams streams = NatsStreams.start(directive, h -> steps.sequence(), NatsOptions.defaults())) {
            for (int i = 0; i < 5; i++) {
                client.jetStream().publish("js." + id + ".in", ("m-" + i).getBytes(StandardCharsets.UTF_8));
            }
            await().atMost(WAIT).until(() -> results().size() >= 5);
            assertThat(results()).containsExactlyInAnyOrder("M-0", "M-1", "M-2", "M-3", "M-4");
            assertThat(steps.bodies()).hasSize(10);
        }
    }

    @Test
    void aFullHandlerPullsNoMoreThanItHasRoomFor() throws Exception {
        ScriptedSteps steps = new ScriptedSteps().hold();
        Directive directive = StreamBundle.load("com.example.js", nats.url(), handler("work", "maxConcurrency: 2"));
        try (NatsStreams streams = NatsStreams.start(directive, h -> steps.sequence(), NatsOptions.defaults())) {
            for (int i = 0; i < 10; i++) {
                client.jetStream().publish("js." + id + ".in", ("m-" + i).getBytes(StandardCharsets.UTF_8));
            }
            await().atMost(WAIT).until(() -> steps.running() == 2);
            // the server's view: two delivered and unacknowledged, eight never handed out
            await().atMost(WAIT).untilAsserted(() -> {
                ConsumerInfo consumer = client.jetStreamManagement()
                        .getConsumerInfo("IN_" + id, "com_example_js-js_" + id + "_in");
                assertThat(consumer.getNumAckPending()).isEqualTo(2);
                assertThat(consumer.getNumPending()).isEqualTo(8);
            });
            assertThat(steps.running()).isEqualTo(2);
            steps.open();
            await().atMost(WAIT).until(() -> steps.bodies().size() == 10);
            assertThat(steps.mostAtOnce()).isEqualTo(2);
        }
    }

    @Test
    void closeAcknowledgesTheMessagesInFlightSoTheyAreNotDeliveredAgain() throws Exception {
        ScriptedSteps steps = new ScriptedSteps().hold();
        Directive directive = StreamBundle.load("com.example.js", nats.url(), handler("work", "maxConcurrency: 3"));
        NatsStreams streams = NatsStreams.start(directive, h -> steps.sequence(), NatsOptions.defaults());
        for (int i = 0; i < 3; i++) {
            client.jetStream().publish("js." + id + ".in", ("m-" + i).getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(WAIT).until(() -> steps.running() == 3);
        Thread closing = Thread.ofVirtual().start(streams::close);
        await().atMost(WAIT).until(() -> ScriptedSteps.blockedIn(closing, "awaitIdle"));
        assertThat(closing.isAlive()).as("close waits for the messages in flight").isTrue();
        steps.open();
        assertThat(closing.join(WAIT)).isTrue();

        ConsumerInfo consumer = client.jetStreamManagement()
                .getConsumerInfo("IN_" + id, "com_example_js-js_" + id + "_in");
        assertThat(consumer.getNumAckPending()).isZero();
        assertThat(consumer.getNumPending()).isZero();
        assertThat(consumer.getAckFloor().getStreamSequence()).isEqualTo(3);
    }
}
