package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atmo.testing.RepositoryRoot;
import dev.atmo.wasm.Limits;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin page {@code /meta/} and its JSON {@code /meta/status}, read from a real server. */
class AdminPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HELLO = "/com.suborbital.test/default/helloworld-rs/v0.0.1";
    private static final String FAIL = "/com.suborbital.test/default/fail-with/v0.0.1";
    private static final String FAIL_FQFN = "com.suborbital.test#default::fail-with@v0.0.1";

    @Test
    void statusCountsRequestsAndKeepsAFailedRequestsErrorWithItsId() throws Exception {
        try (AtmoServer server = AtmoServer.start(TestServers.options("testdata/bundles/example-project")
                .headless(true).build())) {
            JsonNode before = status(server, "/meta/status");
            assertThat(handler(before, "POST " + HELLO).path("requests").asLong()).isZero();
            assertThat(handler(before, "POST " + HELLO).path("p50Millis").isNull()).isTrue();

            TestServers.send(server, "POST", HELLO, "one");
            TestServers.send(server, "POST", HELLO, "two");
            HttpResponse<String> failed = TestServers.send(server, "POST", FAIL, "503 backend down");
            assertThat(failed.statusCode()).isEqualTo(503);
            String requestId = failed.headers().firstValue("X-Atmo-Requestid").orElseThrow();

            JsonNode after = status(server, "/meta/status");
            JsonNode hello = handler(after, "POST " + HELLO);
            assertThat(hello.path("kind").asText()).isEqualTo("http");
            assertThat(hello.path("requests").asLong()).isEqualTo(2);
            assertThat(hello.path("errors").asLong()).isZero();
            assertThat(hello.path("totalRequests").asLong()).isEqualTo(2);
            assertThat(hello.path("p50Millis").asDouble()).isPositive();
            assertThat(hello.path("p99Millis").asDouble()).isGreaterThanOrEqualTo(hello.path("p50Millis").asDouble());
            assertThat(hello.path("windowSeconds").asLong()).isEqualTo(300);
            assertThat(hello.path("slots")).hasSize(30);
            assertThat(hello.path("slots").get(29).path("requests").asLong()
                    + hello.path("slots").get(28).path("requests").asLong()).isEqualTo(2);
            JsonNode fail = handler(after, "POST " + FAIL);
            assertThat(fail.path("requests").asLong()).isEqualTo(1);
            assertThat(fail.path("errors").asLong()).isEqualTo(1);

            JsonNode runnable = runnable(after, FAIL_FQFN);
            assertThat(runnable.path("name").asText()).isEqualTo("fail-with");
            assertThat(runnable.path("abi").asText()).isEqualTo("A");
            // the module has no producers section: the language is the lang of its .runnable.yaml
            assertThat(runnable.path("language").asText()).isEqualTo("rust");
            assertThat(runnable.path("moduleBytes").asLong()).isEqualTo(Files.size(RepositoryRoot.resolve(
                    "testdata/bundles/example-project/fail-with/fail-with.wasm")));
            assertThat(runnable.path("compiled").asBoolean()).isTrue();
            assertThat(runnable.path("pool").path("inUse").asInt()).isZero();
            assertThat(runnable.path("pool").path("max").asInt()).isEqualTo(Limits.defaults().maxInstances());
            assertThat(runnable.path("errors")).hasSize(1);
            assertThat(runnable.path("errors").get(0).path("requestId").asText()).isEqualTo(requestId);
            assertThat(runnable.path("errors").get(0).path("message").asText()).isEqualTo("error 503: backend down");
            assertThat(runnable(after, "com.suborbital.test#default::helloworld-rs@v0.0.1").path("errors")).isEmpty();

            assertThat(after.at("/bundle/identifier").asText()).isEqualTo("com.suborbital.test");
            assertThat(after.at("/bundle/appVersion").asText()).isEqualTo("v0.0.1");
            assertThat(after.at("/bundle/loadedAt").asText()).isEqualTo(after.at("/bundle/loads/0/time").asText());
            assertThat(after.at("/bundle/loads/0/ok").asBoolean()).isTrue();
            assertThat(after.path("connections")).isEmpty();

            HttpResponse<String> page = TestServers.send(server, "GET", "/meta/", "");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(page.body()).contains("<td><code>POST " + HELLO + "</code></td><td class=\"n requests\">2</td>")
                    .contains(requestId).contains("backend down");
        }
    }

    @Test
    void schedulesShowTheirLastRunAndOutcome() {
        try (AtmoServer server = AtmoServer.start(TestServers.options("testdata/bundles/example-project").build())) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode ticker = named(status(server, "/meta/status").path("schedules"), "ticker");
                assertThat(ticker.path("everySeconds").asLong()).isEqualTo(1);
                assertThat(ticker.path("lastOutcome").asText()).isEqualTo("ok");
                assertThat(ticker.path("lastRun").isTextual()).isTrue();
                assertThat(ticker.path("nextRun").isTextual()).isTrue();
            });
        }
    }

    @Test
    void aReloadThatFailsIsInTheLoadHistory(@TempDir Path dir) throws Exception {
        TestServers.helloBundle(dir, "com.example.reload", "/hello");
        try (AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(dir).host("127.0.0.1").port(0)
                .build())) {
            Files.writeString(dir.resolve("Directive.yaml"), "identifier: [unclosed");
            assertThat(server.reload()).isFalse();

            JsonNode loads = status(server, "/meta/status").at("/bundle/loads");
            assertThat(loads).hasSize(2);
            assertThat(loads.get(0).path("ok").asBoolean()).isFalse();
            assertThat(loads.get(0).path("message").asText()).contains("Directive.yaml");
            assertThat(loads.get(1).path("ok").asBoolean()).isTrue();
        }
    }

    @Test
    void theAdminPageLivesWhereTheOtherOperatorEndpointsLive() throws Exception {
        try (AtmoServer server = AtmoServer.start(TestServers.options("examples/hello")
                .operations(new ServerOptions.Operations("/health", "/ready", "/meta/metrics", "/ops/", Optional.of(0)))
                .build())) {
            assertThat(TestServers.send(server, "GET", "/ops/", "").statusCode()).isEqualTo(404);
            assertThat(TestServers.send(server, "GET", "/ops/status", "").statusCode()).isEqualTo(404);
            int admin = server.adminPort().orElseThrow();
            HttpResponse<String> page = OperationsTest.get(admin, "/ops/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("<main>");
            HttpResponse<String> status = OperationsTest.get(admin, "/ops/status");
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(JSON.readTree(status.body()).at("/bundle/identifier").asText()).isNotEmpty();
            assertThat(OperationsTest.get(admin, "/meta/").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aHostileNameFromTheBundleIsEscapedOnThePage(@TempDir Path dir) throws Exception {
        String hostile = "/x<script>alert(1)</script>";
        TestServers.helloBundle(dir, "com.example.<b>bold</b>", hostile);
        try (AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(dir).host("127.0.0.1").port(0)
                .build())) {
            String page = TestServers.send(server, "GET", "/meta/", "").body();

            assertThat(page).doesNotContain("<script>alert").doesNotContain("<b>bold");
            assertThat(page).contains("POST /x&lt;script&gt;alert(1)&lt;/script&gt;")
                    .contains("com.example.&lt;b&gt;bold&lt;/b&gt;");
            assertThat(handler(status(server, "/meta/status"), "POST " + hostile).path("requests").asLong()).isZero();
        }
    }

    @Test
    void connectionsInUseAreUpOrDown(@TempDir Path up, @TempDir Path down) throws Exception {
        TestServers.helloBundle(up, "com.example.connected", "/hello", """
                connections:
                  redis:
                    serverAddress: redis://127.0.0.1:6379
                  database:
                    type: postgresql
                    connectionString: postgresql://postgres@127.0.0.1:5432/test?sslmode=disable
                """);
        try (AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(up).host("127.0.0.1").port(0)
                .build())) {
            JsonNode connections = status(server, "/meta/status").path("connections");
            assertThat(connections).hasSize(2);
            assertThat(connections.get(0).toString())
                    .isEqualTo("{\"kind\":\"redis\",\"address\":\"127.0.0.1:6379\",\"up\":true}");
            assertThat(connections.get(1).toString()).isEqualTo("{\"kind\":\"database\","
                    + "\"address\":\"jdbc:postgresql://127.0.0.1:5432/test\",\"up\":true}");
        }
        int closed = StartUpTest.freePort();
        TestServers.helloBundle(down, "com.example.disconnected", "/hello", """
                connections:
                  redis:
                    serverAddress: redis://127.0.0.1:%d
                """.formatted(closed));
        try (AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(down).host("127.0.0.1").port(0)
                .build())) {
            assertThat(status(server, "/meta/status").path("connections").get(0).toString())
                    .isEqualTo("{\"kind\":\"redis\",\"address\":\"127.0.0.1:" + closed + "\",\"up\":false}");
        }
    }

    private static JsonNode status(AtmoServer server, String path) throws Exception {
        HttpResponse<String> response = TestServers.send(server, "GET", path, "");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode handler(JsonNode status, String name) {
        return named(status.path("handlers"), name);
    }

    private static JsonNode runnable(JsonNode status, String fqfn) {
        return StreamSupport.stream(status.path("runnables").spliterator(), false)
                .filter(r -> r.path("fqfn").asText().equals(fqfn)).findFirst()
                .orElseThrow(() -> new AssertionError("no Runnable " + fqfn + " in " + status.path("runnables")));
    }

    private static JsonNode named(JsonNode list, String name) {
        return StreamSupport.stream(list.spliterator(), false).filter(n -> n.path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("nothing named " + name + " in " + list));
    }
}
