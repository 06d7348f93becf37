package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atmo.wasm.Limits;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Single-step handlers of self-contained Runnables answered on the event loop, and their way back to a thread. */
class QuickPathTest {
    private static final String BUNDLE = "testdata/bundles/example-project";
    private static AtmoServer inPlace;
    private static AtmoServer threaded;

    @BeforeAll
    static void start() {
        inPlace = AtmoServer.start(TestServers.options(BUNDLE).runSchedules(false)
                .limits(Limits.builder().quickBudget(Duration.ofMillis(20)).build()).build());
        threaded = AtmoServer.start(TestServers.options(BUNDLE).runSchedules(false)
                .limits(Limits.builder().quickBudget(Duration.ZERO).build()).build());
    }

    @AfterAll
    static void stop() {
        inPlace.close();
        threaded.close();
    }

    @Test
    void answersInPlaceAreTheAnswersOnAThread() {
        record Call(String method, String path, String body) {
        }
        List<Call> calls = List.of(new Call("POST", "/hello", "world"), new Call("POST", "/as", "as"),
                new Call("POST", "/fail", "201 created-but-error"), new Call("POST", "/fail", "700 weird"),
                new Call("POST", "/fail", "not a code"), new Call("POST", "/no-onerr", ""),
                new Call("POST", "/slow", "not a number"), new Call("POST", "/codes", "401 stop"),
                new Call("GET", "/file/main.md", ""), new Call("POST", "/headers", "h"));
        for (Call call : calls) {
            HttpResponse<String> a = TestServers.send(inPlace, call.method(), call.path(), call.body(),
                    Map.of("X-Test", "quick"));
            HttpResponse<String> b = TestServers.send(threaded, call.method(), call.path(), call.body(),
                    Map.of("X-Test", "quick"));
            assertThat(a.statusCode()).as(call.toString()).isEqualTo(b.statusCode());
            assertThat(a.body()).as(call.toString()).isEqualTo(b.body());
            assertThat(withoutRequestId(a)).as(call.toString()).isEqualTo(withoutRequestId(b));
        }
    }

    @Test
    void theRequestASelfContainedRunnableSeesIsTheSameInPlace() {
        Map<String, String> headers = Map.of("X-Custom", "yes");
        String a = TestServers.send(inPlace, "POST", "/request/42?q=1", "payload", headers).body();
        String b = TestServers.send(threaded, "POST", "/request/42?q=1", "payload", headers).body();
        assertThat(a.replaceAll("id=[0-9a-f-]+", "id=")).isEqualTo(b.replaceAll("id=[0-9a-f-]+", "id="))
                .contains("url=/request/42?q=1");
    }

    @Test
    void aSelfContainedStepIsAnsweredOnTheEventLoopOnlyWhenThereIsABudget() {
        double inPlaceBefore = quick(inPlace, "/hello");
        double threadedBefore = quick(threaded, "/hello");
        for (int i = 0; i < 3; i++) {
            assertThat(TestServers.send(inPlace, "POST", "/hello", "loop").body()).isEqualTo("hello loop");
            assertThat(TestServers.send(threaded, "POST", "/hello", "thread").body()).isEqualTo("hello thread");
        }
        assertThat(quick(inPlace, "/hello") - inPlaceBefore).isEqualTo(3);
        assertThat(quick(threaded, "/hello") - threadedBefore).isZero();
    }

    @Test
    void aRunnableThatCallsOutIsNeverAnsweredOnTheEventLoop() {
        double before = quick(inPlace, "/file/*file");
        assertThat(TestServers.send(inPlace, "GET", "/file/main.md", "").statusCode()).isEqualTo(200);
        assertThat(quick(inPlace, "/file/*file")).isEqualTo(before);
    }

    @Test
    void aRunThatKeepsComputingLeavesTheEventLoopAndFinishesOnItsOwnThread() throws Exception {
        double discardedBefore = discarded(inPlace);
        double quickSlowBefore = quick(inPlace, "/slow");
        double quickHelloBefore = quick(inPlace, "/hello");
        // 3 s of guest work: room to spare for five small requests on a loaded machine while it runs
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() ->
                TestServers.send(inPlace, "POST", "/slow", "3000"));
        await().atMost(Duration.ofSeconds(30)).until(() -> discarded(inPlace) - discardedBefore == 1);
        for (int i = 0; i < 5; i++) {
            assertThat(TestServers.send(inPlace, "POST", "/hello", "meanwhile").body()).isEqualTo("hello meanwhile");
        }
        assertThat(slow.isDone()).as("the slow request is still running").isFalse();
        HttpResponse<String> done = slow.get(60, TimeUnit.SECONDS);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).isEqualTo("slept 3000");
        assertThat(discarded(inPlace) - discardedBefore).as("the instance stopped on the event loop").isEqualTo(1);
        assertThat(quick(inPlace, "/slow")).as("the slow answer came from its own thread").isEqualTo(quickSlowBefore);
        assertThat(quick(inPlace, "/hello") - quickHelloBefore).isEqualTo(5);
    }

    @Test
    void withAZeroBudgetNothingRunsInPlace() {
        double discardedBefore = discarded(threaded);
        assertThat(TestServers.send(threaded, "POST", "/slow", "100").body()).isEqualTo("slept 100");
        assertThat(discarded(threaded)).isEqualTo(discardedBefore);
    }

    private static Map<String, List<String>> withoutRequestId(HttpResponse<String> response) {
        Map<String, List<String>> headers = new java.util.TreeMap<>(response.headers().map());
        headers.keySet().removeIf(k -> k.equalsIgnoreCase("x-atmo-requestid") || k.equalsIgnoreCase("date")
                || k.toLowerCase(java.util.Locale.ROOT).startsWith("x-suborbital"));
        return headers;
    }

    /** Requests of one route answered on the event loop. */
    private static double quick(AtmoServer server, String route) {
        return TestServers.metric(server, "atmo_http_quick_total", "route=\"" + route + "\"");
    }

    /** The {@code atmo_pool_discarded} gauge of the slow Runnable, read from the metrics endpoint. */
    private static double discarded(AtmoServer server) {
        String metrics = TestServers.send(server, "GET", "/meta/metrics", "").body();
        return metrics.lines().filter(l -> l.startsWith("atmo_pool_discarded") && l.contains("::slow@"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no discarded gauge for slow in\n" + metrics));
    }
}
