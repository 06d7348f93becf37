package dev.atmo.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.server.AtmoServer;
import dev.atmo.server.ServerOptions;
import dev.atmo.trace.OtlpReceiver;
import dev.atmo.trace.OtlpReceiver.Received;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces across two Atmo servers joined by NATS: a request to the first continues the requester's trace, the
 * first's reply and its respondTo publish carry that trace on, and the second's handling of the publish joins it;
 * a Runnable error marks the message's span. Spans go to a real OTLP/HTTP receiver on loopback.
 */
class TracesOverNatsTest {
    private static final String ID = StreamBundle.unique();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String RELAY_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String FAILURE_TRACE = "5b8efff798038103d269b633813fc60c";
    private static final String CALLER_SPAN = "b7ad6b7169203331";

    @TempDir
    static Path dir;
    private static OtlpReceiver receiver;
    private static AtmoServer first;
    private static AtmoServer second;
    private static Connection client;

    @BeforeAll
    static void start() throws Exception {
        String url = NatsServerProcess.sharedUrl();
        receiver = OtlpReceiver.start();
        first = start(StreamBundle.write(dir.resolve("first"), "com.example.first", url, """
                  - type: stream
                    source: nats
                    resource: t.%1$s.first
                    respondTo: t.%1$s.second
                    steps:
                      - fn: upper
                  - type: stream
                    source: nats
                    resource: t.%1$s.fail
                    steps:
                      - fn: fail-with
                """.formatted(ID), "upper", "fail-with"), "atmo-first");
        second = start(StreamBundle.write(dir.resolve("second"), "com.example.second", url, """
                  - type: stream
                    source: nats
                    resource: t.%1$s.second
                    respondTo: t.%1$s.done
                    steps:
                      - fn: upper
                """.formatted(ID), "upper"), "atmo-second");
        client = Nats.connect(url);
    }

    private static AtmoServer start(Path bundle, String service) {
        return AtmoServer.start(ServerOptions.builder().bundle(bundle).host("127.0.0.1").port(0)
                .tracing(receiver.settings(service)).build());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        client.close();
        first.close();
        second.close();
        receiver.close();
    }

    private static Message request(String subject, String body, String traceId) throws InterruptedException {
        Headers headers = new Headers().put("traceparent", "00-" + traceId + "-" + CALLER_SPAN + "-01");
        Message reply = client.request(NatsMessage.builder().subject(subject).headers(headers)
                .data(body.getBytes(StandardCharsets.UTF_8)).build(), WAIT);
        assertThat(reply).as("reply on %s", subject).isNotNull();
        return reply;
    }

    private static String traceparent(Message message) {
        return message.getHeaders().getFirst("traceparent");
    }

    private static Received only(List<Received> spans, String service, String name) {
        List<Received> found = spans.stream().filter(s -> s.service().equals(service) && s.name().equals(name))
                .toList();
        assertThat(found).as("%s spans named %s in %s", service, name, spans).hasSize(1);
        return found.get(0);
    }

    @Test
    void aRequestReplyAcrossTwoServersFormsOneTrace() throws Exception {
        Subscription done = client.subscribe("t." + ID + ".done");
        client.flush(WAIT);
        Message reply = request("t." + ID + ".first", "relay", RELAY_TRACE);
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("RELAY");
        Message relayed = done.nextMessage(WAIT);
        assertThat(relayed).isNotNull();

        List<Received> trace = receiver.awaitTrace(RELAY_TRACE, 6);
        assertThat(trace).hasSize(6);
        Received handledFirst = only(trace, "atmo-first", "process t." + ID + ".first");
        Received handledSecond = only(trace, "atmo-second", "process t." + ID + ".second");
        assertThat(handledFirst.kind()).isEqualTo("SPAN_KIND_CONSUMER");
        assertThat(handledFirst.parentSpanId()).isEqualTo(CALLER_SPAN);
        assertThat(handledFirst.attributes()).containsEntry("messaging.system", "nats")
                .containsEntry("messaging.destination.name", "t." + ID + ".first");
        assertThat(handledSecond.childOf(handledFirst)).isTrue();
        for (Received handled : List.of(handledFirst, handledSecond)) {
            Received step = only(trace, handled.service(), "step upper");
            assertThat(step.childOf(handled)).isTrue();
            assertThat(only(trace, handled.service(), "invoke upper").childOf(step)).isTrue();
        }
        assertThat(traceparent(reply)).matches("00-" + RELAY_TRACE + "-" + handledFirst.spanId() + "-0[13]");
        assertThat(traceparent(relayed)).matches("00-" + RELAY_TRACE + "-" + handledSecond.spanId() + "-0[13]");
    }

    @Test
    void aRunnableErrorMarksTheMessageSpanWithItsMessage() throws Exception {
        Message reply = request("t." + ID + ".fail", "404 not here", FAILURE_TRACE);
        assertThat(reply.getHeaders().getFirst(StreamReply.STATUS_HEADER)).isEqualTo("404");
        Received handled = only(receiver.awaitTrace(FAILURE_TRACE, 3), "atmo-first", "process t." + ID + ".fail");
        assertThat(handled.failed()).isTrue();
        assertThat(handled.statusMessage()).isEqualTo("not here");
        assertThat(handled.attributes()).containsEntry("atmo.status", 404L);
        assertThat(traceparent(reply)).startsWith("00-" + FAILURE_TRACE + "-" + handled.spanId());
    }
}
