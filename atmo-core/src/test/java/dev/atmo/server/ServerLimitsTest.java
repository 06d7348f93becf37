package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.wasm.Limits;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServerLimitsTest {
    private static AtmoServer server;

    @BeforeAll
    static void start() {
        server = AtmoServer.start(TestServers.options("testdata/bundles/example-project")
                .runSchedules(false).maxBodyBytes(1024)
                .limits(Limits.builder().withDeadline(Duration.ofSeconds(2)).build()).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void bodiesOverTheLimitGet413BeforeAnyRunnableRuns() {
        HttpResponse<String> response = TestServers.send(server, "POST", "/hello", "x".repeat(2048));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"status\":413,\"message\":\"request body is larger than the limit of 1024 bytes\"}");
        assertThat(TestServers.send(server, "POST", "/hello", "x".repeat(1000)).statusCode()).isEqualTo(200);
    }

    @Test
    void aRunnablePastItsDeadlineIs504AndTheNextCallWorks() {
        HttpResponse<String> response = TestServers.send(server, "POST", "/slow", "60000");
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("failed to execute fn slow").contains("deadline of 2000 ms");
        assertThat(TestServers.send(server, "POST", "/slow", "1").body()).isEqualTo("slept 1");
    }

    @Test
    void aSlowRunnableDoesNotDelayAFastRoute() throws Exception {
        CompletableFuture<Long> slow = CompletableFuture.supplyAsync(() -> {
            assertThat(TestServers.send(server, "POST", "/slow", "1800").body()).isEqualTo("slept 1800");
            return System.nanoTime();
        });
        Thread.sleep(100);
        for (int i = 0; i < 3; i++) {
            assertThat(TestServers.send(server, "POST", "/hello", "fast").body()).isEqualTo("hello fast");
        }
        long fastDone = System.nanoTime();
        assertThat(slow.isDone()).as("the slow request is still running when the fast ones are answered").isFalse();
        assertThat(slow.get()).isGreaterThan(fastDone);
    }
}
