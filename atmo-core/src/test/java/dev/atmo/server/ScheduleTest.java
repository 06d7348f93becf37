package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static AtmoServer server;

    @BeforeAll
    static void start() {
        server = AtmoServer.start(TestServers.options("testdata/bundles/example-project").build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String cache(String key) {
        return TestServers.send(server, "POST", "/cache", key).body();
    }

    @Test
    void scheduleRunsAtStartUpAndThenEverySecond() {
        await().atMost(Duration.ofSeconds(5)).until(() -> !cache("ticker.count").equals("<absent>"));
        int first = Integer.parseInt(cache("ticker.count"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Integer.parseInt(cache("ticker.count")) >= first + 2);
    }

    @Test
    void runsOfASlowScheduleNeverOverlap() {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            String count = cache("slowpoke.count");
            return !count.equals("<absent>") && Integer.parseInt(count) >= 3;
        });
        assertThat(cache("slowpoke.overlap")).isEqualTo("<absent>");
    }
}
