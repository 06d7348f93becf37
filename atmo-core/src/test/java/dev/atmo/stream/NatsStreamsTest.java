package dev.atmo.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.atmo.directive.Directive;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Core NATS handlers with scripted steps: back-pressure, order, queue groups, draining, start-up. */
@SuppressWarnings("try")
class NatsStreamsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final String url = NatsServerProcess.sharedUrl();
    private final String id = StreamBundle.unique();
    private Connection client;

    @BeforeEach
    void connect() throws Exception {
        client = Nats.connect(url);
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        client.close();
    }

    private Directive directive(String identifier, String extensions) {
        return StreamBundle.load(identifier, url, """
                  - type: stream
                    source: nats
                    resource: c.%1$s.in
                    respondTo: c.%1$s.out
                %2$s
                    steps:
                      - fn: work
                """.formatted(id, extensions.indent(4).stripTrailing()));
    }

    private NatsStreams start(String extensions, ScriptedSteps steps) {
        return NatsStreams.start(directive("com.example.core", extensions), h -> steps.sequence(),
                NatsOptions.defaults());
    }

    private void publish(int count) {
        for (int i = 0; i < count; i++) {
            client.publish("c." + id + ".in", ("m-" + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static List<String> published(int count) {
        return IntStream.range(0, count).mapToObj(i -> "m-" + i).toList();
    }

    @Test
    void atMostMaxConcurrencyMessagesRunAtOnceAndTheRestWait() throws Exception {
        ScriptedSteps steps = new ScriptedSteps().hold();
        try (NatsStreams streams = start("maxConcurrency: 3", steps)) {
            Replies out = Replies.on(client, "c." + id + ".out");
            publish(12);
            await().atMost(WAIT).until(() -> steps.running() == 3);
            // every message has reached this process: only the bound keeps the other nine waiting
            await().atMost(WAIT).until(() -> streams.messagesReceived() >= 12);
            assertThat(steps.running()).isEqualTo(3);
            assertThat(steps.bodies()).hasSize(3);

            steps.open();
            assertThat(out.await(12)).extracting(Replies::text)
                    .containsExactlyInAnyOrderElementsOf(published(12).stream().map(String::toUpperCase).toList());
            assertThat(steps.mostAtOnce()).isEqualTo(3);
        }
    }

    @Test
    void orderedHandlerRunsOneMessageAtATimeInArrivalOrder() {
        ScriptedSteps steps = new ScriptedSteps();
        try (NatsStreams streams = start("ordered: true", steps)) {
            Replies out = Replies.on(client, "c." + id + ".out");
            publish(50);
            assertThat(out.await(50)).extracting(Replies::text)
                    .containsExactlyElementsOf(published(50).stream().map(String::toUpperCase).toList());
            assertThat(steps.bodies()).containsExactlyElementsOf(published(50));
            assertThat(steps.mostAtOnce()).isEqualTo(1);
        }
    }

    @Test
    void stepsThatRunInPlaceAreAnsweredOnTheDispatcherThreadAndKeepTheOrder() {
        ScriptedSteps steps = new ScriptedSteps().quick(true);
        try (NatsStreams streams = start("ordered: true", steps)) {
            Replies out = Replies.on(client, "c." + id + ".out");
            publish(30);
            List<String> upper = published(30).stream().map(String::toUpperCase).toList();
            assertThat(out.await(30)).extracting(Replies::text).containsExactlyElementsOf(upper);
            assertThat(steps.quickThreads()).hasSize(30).doesNotContain("virtual");
            assertThat(steps.mostAtOnce()).isEqualTo(1);

            // steps that cannot run in place go to a virtual thread, still one at a time and in order
            steps.quick(false);
            publish(30);
            List<String> twice = new ArrayList<>(upper);
            twice.addAll(upper);
            assertThat(out.await(60)).extracting(Replies::text).containsExactlyElementsOf(twice);
            assertThat(steps.quickThreads()).hasSize(30);
            assertThat(steps.bodies()).hasSize(60);
            assertThat(steps.mostAtOnce()).isEqualTo(1);
            assertThat(streams.messagesReceived()).isEqualTo(60);
        }
    }

    @Test
    void anEmptyQueueGroupGivesEveryProcessEveryMessage() {
        ScriptedSteps first = new ScriptedSteps();
        ScriptedSteps second = new ScriptedSteps();
        try (NatsStreams a = NatsStreams.start(directive("com.example.a", "queueGroup: \"\""), h -> first.sequence(),
                NatsOptions.defaults());
             NatsStreams b = NatsStreams.start(directive("com.example.b", "queueGroup: \"\""),
                     h -> second.sequence(), NatsOptions.defaults())) {
            Replies out = Replies.on(client, "c." + id + ".out");
            publish(10);
            out.await(20);
            assertThat(first.bodies()).containsExactlyInAnyOrderElementsOf(published(10));
            assertThat(second.bodies()).containsExactlyInAnyOrderElementsOf(published(10));
        }
    }

    @Test
    void anExplicitQueueGroupJoinsProcessesOfDifferentDirectives() throws Exception {
        ScriptedSteps first = new ScriptedSteps();
        ScriptedSteps second = new ScriptedSteps();
        String group = "queueGroup: shared-" + id;
        try (NatsStreams a = NatsStreams.start(directive("com.example.a", group), h -> first.sequence(),
                NatsOptions.defaults());
             NatsStreams b = NatsStreams.start(directive("com.example.b", group), h -> second.sequence(),
                     NatsOptions.defaults())) {
            Replies out = Replies.on(client, "c." + id + ".out");
            publish(200);
            out.await(200);
            // both processes have finished and published all they took; any duplicate has arrived after a flush
            a.close();
            b.close();
            client.flush(WAIT);
            assertThat(out.all()).hasSize(200);
            List<String> both = new ArrayList<>(first.bodies());
            both.addAll(second.bodies());
            assertThat(both).containsExactlyInAnyOrderElementsOf(published(200));
        }
    }

    @Test
    void closeLetsMessagesInFlightFinishAndPublishTheirResults() throws Exception {
        ScriptedSteps steps = new ScriptedSteps().hold();
        NatsStreams streams = start("maxConcurrency: 4", steps);
        Replies out = Replies.on(client, "c." + id + ".out");
        publish(3);
        await().atMost(WAIT).until(() -> steps.running() == 3);

        Thread closing = Thread.ofVirtual().start(streams::close);
        await().atMost(WAIT).until(() -> ScriptedSteps.blockedIn(closing, "awaitIdle"));
        assertThat(closing.isAlive()).as("close waits for the messages in flight").isTrue();
        steps.open();
        assertThat(closing.join(WAIT)).isTrue();
        assertThat(out.await(3)).extracting(Replies::text).containsExactlyInAnyOrder("M-0", "M-1", "M-2");
    }

    @Test
    void aStepThatThrowsRepliesWith500AndTheHandlerKeepsServing() throws Exception {
        ScriptedSteps steps = new ScriptedSteps().answer(body -> {
            if (body.equals("boom")) {
                throw new IllegalStateException("exploded");
            }
            return ScriptedSteps.success("fine");
        });
        try (NatsStreams streams = start("", steps)) {
            Message failed = client.request("c." + id + ".in", "boom".getBytes(StandardCharsets.UTF_8), WAIT);
            assertThat(Replies.status(failed)).isEqualTo("500");
            assertThat(Replies.text(failed)).startsWith("{\"status\":500,\"message\":\"").contains("exploded");
            Message fine = client.request("c." + id + ".in", "ok".getBytes(StandardCharsets.UTF_8), WAIT);
            assertThat(Replies.text(fine)).isEqualTo("fine");
        }
    }

    @Test
    void everyMessageInAndResultOutIsCountedUnderTheHandlersSubject() {
        List<String> counted = new CopyOnWriteArrayList<>();
        ScriptedSteps steps = new ScriptedSteps();
        NatsOptions options = NatsOptions.builder().counter((subject, direction) -> counted.add(subject + " " + direction))
                .build();
        try (NatsStreams streams = NatsStreams.start(directive("com.example.core", ""), h -> steps.sequence(), options)) {
            Replies out = Replies.on(client, "c." + id + ".out");
            publish(3);
            out.await(3);
            await().atMost(WAIT).until(() -> counted.size() == 6);
            assertThat(counted).containsOnly("c." + id + ".in in", "c." + id + ".in out");
            assertThat(counted).filteredOn(c -> c.endsWith(" in")).hasSize(3);
        }
    }

    @Test
    void startFailsNamingTheAddressWhenNoServerAnswersInTime() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String address = "nats://127.0.0.1:" + port;
        Directive unreachable = StreamBundle.load("com.example.down", address, """
                  - type: stream
                    source: nats
                    resource: anything
                    steps:
                      - fn: work
                """);
        long started = System.nanoTime();
        assertThatThrownBy(() -> NatsStreams.start(unreachable, h -> new ScriptedSteps().sequence(),
                NatsOptions.builder().connectWait(Duration.ofSeconds(1)).build()))
                .isInstanceOf(StreamException.class)
                .hasMessageStartingWith("cannot connect to NATS at " + address + " (tried for 1 s)");
        // generous: the connect wait is 1 s; the bound only rules out a start that keeps retrying
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WAIT);
    }

    @Test
    void wrongExtensionValuesStopStartBeforeConnecting() {
        assertThatThrownBy(() -> start("maxConcurrency: lots", new ScriptedSteps()))
                .isInstanceOf(StreamException.class)
                .hasMessageContaining("stream handler for NATS subject c." + id + ".in")
                .hasMessageEndingWith("maxConcurrency must be a positive whole number, got 'lots'");
    }
}
