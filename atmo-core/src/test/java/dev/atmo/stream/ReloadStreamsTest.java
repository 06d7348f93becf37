package dev.atmo.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.atmo.server.AtmoServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload swaps the NATS handlers and the schedules with the rest of the bundle. */
class ReloadStreamsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String[] RUNNABLES = {"helloworld-rs", "upper", "tick", "counter"};

    private static String version(String subject, String fn, String scheduled) {
        return """
                  - type: stream
                    source: nats
                    resource: %s
                    steps:
                      - fn: %s
                schedules:
                  - name: every-second
                    every:
                      seconds: 1
                    state:
                      name: reload
                      sleep: "0"
                    steps:
                      - fn: %s
                """.formatted(subject, fn, scheduled);
    }

    /** Successful invocations of one Runnable so far, from the server's metrics. */
    private static double runs(AtmoServer server, String runnable) {
        return server.metrics().scrape().lines()
                .filter(l -> l.startsWith("atmo_runnable_invocations_seconds_count{")
                        && l.contains("outcome=\"success\"") && l.contains("runnable=\"" + runnable + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static String ask(Connection client, String subject, String body) throws Exception {
        Message reply = client.request(subject, body.getBytes(StandardCharsets.UTF_8)).get(30, TimeUnit.SECONDS);
        return new String(reply.getData(), StandardCharsets.UTF_8);
    }

    @Test
    void theNewBundlesHandlersAndSchedulesReplaceTheOldOnes(@TempDir Path dir) throws Exception {
        String url = NatsServerProcess.sharedUrl();
        String id = StreamBundle.unique();
        String one = "reload." + id + ".one";
        String two = "reload." + id + ".two";
        StreamBundle.write(dir, "com.example.reload", url, version(one, "helloworld-rs", "tick"), RUNNABLES);
        try (AtmoServer server = StreamBundle.start(dir); Connection client = Nats.connect(url)) {
            assertThat(ask(client, one, "first")).isEqualTo("hello first");
            await().atMost(WAIT).until(() -> runs(server, "tick") >= 1);

            StreamBundle.write(dir, "com.example.reload", url, version(two, "upper", "counter"));
            assertThat(server.reload()).isTrue();

            assertThat(ask(client, two, "second")).isEqualTo("SECOND");
            // nobody listens on the old subject any more: the NATS server says so at once ("no responders"),
            // which the client reports by cancelling the request rather than letting it time out
            assertThat(catchThrowable(() -> ask(client, one, "again"))).isInstanceOf(CancellationException.class);

            double ticksAtSwap = runs(server, "tick");
            await().atMost(WAIT).until(() -> runs(server, "counter") >= 3);
            assertThat(runs(server, "tick")).as("the old schedule stopped with the swap").isEqualTo(ticksAtSwap);
        }
    }
}
