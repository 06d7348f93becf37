package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atmo.AtmoException;
import dev.atmo.testing.RepositoryRoot;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperationsTest {

    @Test
    void healthReadinessAndMetricsAfterTraffic() {
        try (AtmoServer server = AtmoServer.start(TestServers.options("testdata/bundles/example-project")
                .runSchedules(false).build())) {
            HttpResponse<String> health = TestServers.send(server, "GET", "/health", "");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"healthy\":true}");
            assertThat(TestServers.send(server, "GET", "/ready", "").body()).isEqualTo("{\"ready\":true}");

            TestServers.send(server, "POST", "/hello", "world");
            TestServers.send(server, "POST", "/hello", "again");
            TestServers.send(server, "POST", "/return", "x");
            TestServers.send(server, "POST", "/cache", "missing-key");

            HttpResponse<String> metrics = TestServers.send(server, "GET", "/meta/metrics", "");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(metrics.body())
                    .contains("atmo_http_requests_seconds_count{method=\"POST\",route=\"/hello\",status=\"200\"} 2")
                    .contains("atmo_http_requests_seconds_count{method=\"POST\",route=\"/return\",status=\"400\"} 1")
                    .contains("atmo_http_requests_seconds_bucket{method=\"POST\",route=\"/hello\",status=\"200\",le=")
                    .contains("atmo_runnable_invocations_seconds_count{outcome=\"success\",runnable=\"helloworld-rs\"} 3")
                    .contains("atmo_runnable_invocations_seconds_count{outcome=\"error\",runnable=\"return-err\"} 1")
                    .contains("atmo_pool_instances{runnable=\"com.suborbital.test#default::helloworld-rs@v0.0.1\"}")
                    .contains("atmo_cache_lookups_total{result=\"miss\"} 1.0");
        }
    }

    @Test
    void operatorEndpointsCanLiveOnAnAdminPort() {
        try (AtmoServer server = AtmoServer.start(TestServers.options("examples/hello")
                .operations(new ServerOptions.Operations("/health", "/ready", "/meta/metrics", Optional.of(0)))
                .build())) {
            assertThat(TestServers.send(server, "GET", "/health", "").statusCode()).isEqualTo(404);
            int admin = server.adminPort().orElseThrow();
            HttpResponse<String> health = get(admin, "/health");
            assertThat(health.body()).isEqualTo("{\"healthy\":true}");
        }
    }

    @Test
    void aUserRouteClashingWithAnOperatorEndpointIsAStartUpError(@TempDir Path dir) throws Exception {
        Path root = RepositoryRoot.path();
        Files.copy(root.resolve("examples/hello/hello/hello.wasm"), dir.resolve("hello.wasm"));
        Files.writeString(dir.resolve("Directive.yaml"), """
                identifier: com.example.clash
                appVersion: v0.1.0
                atmoVersion: v0.3.0
                runnables:
                  - name: hello
                    namespace: default
                handlers:
                  - type: request
                    method: GET
                    resource: /health
                    steps:
                      - fn: hello
                """);
        assertThatThrownBy(() -> AtmoServer.start(ServerOptions.builder().bundle(dir).host("127.0.0.1").port(0).build()))
                .isInstanceOf(AtmoException.class)
                .hasMessageContaining("GET /health clashes with Atmo's own endpoint");
        try (AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(dir).host("127.0.0.1").port(0)
                .operations(new ServerOptions.Operations("/_health", "/_ready", "/_metrics", Optional.empty()))
                .build())) {
            assertThat(TestServers.send(server, "GET", "/health", "me").body()).isEqualTo("hello me");
            assertThat(TestServers.send(server, "GET", "/_health", "").body()).isEqualTo("{\"healthy\":true}");
        }
    }

    static HttpResponse<String> get(int port, String path) {
        try {
            return TestServers.CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
