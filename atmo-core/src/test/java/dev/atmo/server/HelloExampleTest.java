package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HelloExampleTest {
    private static AtmoServer server;

    @BeforeAll
    static void start() {
        server = AtmoServer.start(TestServers.options("examples/hello").build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> send(String method, String path, String body) {
        return TestServers.send(server, method, path, body);
    }

    @Test
    void helloGreetsTheBodyOverRealHttp() {
        HttpResponse<String> response = send("POST", "/hello", "world");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello world");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");
    }

    @Test
    void unknownPathIs404WithGoBody() {
        HttpResponse<String> response = send("POST", "/nope", "");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("404 page not found\n");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        HttpResponse<String> response = send("GET", "/hello", "");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("POST, OPTIONS");
        assertThat(response.body()).isEqualTo("Method Not Allowed\n");
    }
}
