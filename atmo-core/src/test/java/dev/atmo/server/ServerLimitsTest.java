package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atmo.wasm.Limits;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServerLimitsTest {
    private static AtmoServer server;

    @BeforeAll
    static void start() {
        server = AtmoServer.start(TestServers.options("testdata/bundles/example-project")
                .runSchedules(false).maxBodyBytes(1024)
                .limits(Limits.builder().deadline(Duration.ofSeconds(5)).build()).build());
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
        assertThat(response.body()).contains("failed to execute fn slow").contains("deadline of 5000 ms");
        assertThat(TestServers.send(server, "POST", "/slow", "1").body()).isEqualTo("slept 1");
    }

    @Test
    void aSlowRunnableDoesNotDelayAFastRoute() throws Exception {
        // 4 s of guest work, within the 5 s deadline: room to spare for three small requests on a loaded machine
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() ->
                TestServers.send(server, "POST", "/slow", "4000"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                TestServers.metric(server, "atmo_pool_in_use", "::slow@") == 1);
        for (int i = 0; i < 3; i++) {
            assertThat(TestServers.send(server, "POST", "/hello", "fast").body()).isEqualTo("hello fast");
        }
        assertThat(slow.isDone()).as("the slow request is still running when the fast ones are answered").isFalse();
        assertThat(slow.get(60, TimeUnit.SECONDS).body()).isEqualTo("slept 4000");
    }
}
