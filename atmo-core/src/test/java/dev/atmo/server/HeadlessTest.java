package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HeadlessTest {
    private static AtmoServer server;

    @BeforeAll
    static void start() {
        server = AtmoServer.start(TestServers.options("testdata/bundles/example-project").headless(true).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyRunnableIsServedAtItsFqfnPath() {
        HttpResponse<String> response = TestServers.send(server, "POST",
                "/com.suborbital.test/default/helloworld-rs/v0.0.1", "world");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello world");
        assertThat(response.headers().firstValue("X-Atmo-Requestid")).hasValueSatisfying(id ->
                assertThat(id).matches("[0-9a-f-]{36}"));
        assertThat(response.headers().firstValue("X-Suborbital-Requestid"))
                .isEqualTo(response.headers().firstValue("X-Atmo-Requestid"));
    }

    @Test
    void stateHeaderBecomesTheInitialState() {
        HttpResponse<String> response = TestServers.send(server, "POST",
                "/com.suborbital.test/default/echo-state/v0.0.1", "a,b",
                Map.of("X-Atmo-State", "{\"a\":\"1\",\"b\":\"two\"}"));
        assertThat(response.body()).isEqualTo("a=1\nb=two");
        HttpResponse<String> suborbital = TestServers.send(server, "POST",
                "/com.suborbital.test/default/echo-state/v0.0.1", "a",
                Map.of("X-Suborbital-State", "{\"a\":\"3\"}"));
        assertThat(suborbital.body()).isEqualTo("a=3");
    }

    @Test
    void invalidStateHeaderMeansEmptyState() {
        HttpResponse<String> response = TestServers.send(server, "POST",
                "/com.suborbital.test/default/echo-state/v0.0.1", "a", Map.of("X-Atmo-State", "not json"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("a=<absent>");
    }

    @Test
    void paramsHeaderReplacesTheParams() {
        HttpResponse<String> response = TestServers.send(server, "POST",
                "/com.suborbital.test/default/echo-request/v0.0.1", "b",
                Map.of("X-Atmo-Params", "{\"x\":\"from-header\"}"));
        assertThat(response.body()).endsWith("param-x=from-header");
    }

    @Test
    void runnableErrorsKeepTheirStatusAndTheRequestId() {
        HttpResponse<String> response = TestServers.send(server, "POST",
                "/com.suborbital.test/default/return-err/v0.0.1", "");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"status\":400,\"message\":\"job failed\"}");
        assertThat(response.headers().firstValue("X-Atmo-Requestid")).isPresent();
    }

    @Test
    void handlersOfTheDirectiveAreNotServed() {
        assertThat(TestServers.send(server, "POST", "/hello", "world").statusCode()).isEqualTo(404);
    }
}
