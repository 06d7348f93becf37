package dev.atmo.server;

import dev.atmo.testing.RepositoryRoot;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C SDK example ({@code examples/sdk-c}) over real HTTP: its Runnable quotes a loopback service and counts
 * visits in the cache. Its module exports the generation-B marker and imports none of the functions only
 * generation B has, so it also answers under a Directive that names {@code atmoVersion: v0.3.0}.
 */
class SdkCExampleTest {
    private static final String QUOTE = "Simple things should be simple.";
    private static HttpServer quotes;

    @BeforeAll
    static void startQuoteService() throws IOException {
        quotes = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        quotes.createContext("/quote", exchange -> {
            byte[] body = QUOTE.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        quotes.createContext("/missing", exchange -> {
            byte[] body = "no such quote".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        quotes.start();
    }

    @AfterAll
    static void stopQuoteService() {
        quotes.stop(0);
    }

    private static String quoteUrl() {
        return url("/quote");
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + quotes.getAddress().getPort() + path;
    }

    @Test
    void exampleGreetsQuotesAndCountsVisits() {
        try (AtmoServer server = AtmoServer.start(TestServers.options("examples/sdk-c").build())) {
            assertVisits(server);
        }
    }

    @Test
    void exampleAnswersTheSameUnderAGenerationADirective(@TempDir Path dir) throws IOException {
        Path example = RepositoryRoot.path().resolve("examples/sdk-c");
        String directive = Files.readString(example.resolve("Directive.yaml"));
        Files.writeString(dir.resolve("Directive.yaml"), directive.replace("atmoVersion: v0.4.0", "atmoVersion: v0.3.0"));
        Files.createDirectories(dir.resolve("welcome"));
        for (String file : List.of(".runnable.yaml", "welcome.wasm")) {
            Files.copy(example.resolve("welcome").resolve(file), dir.resolve("welcome").resolve(file));
        }
        assertThat(Files.readString(dir.resolve("Directive.yaml"))).contains("atmoVersion: v0.3.0");
        try (AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(dir).host("127.0.0.1").port(0)
                .build())) {
            assertVisits(server);
        }
    }

    private static void assertVisits(AtmoServer server) {
        HttpResponse<String> first = TestServers.send(server, "POST", "/welcome/ada", quoteUrl());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(first.body()).isEqualTo("{\"greeting\":\"welcome, ada\",\"quote\":\"" + QUOTE + "\",\"visits\":1}");
        assertThat(TestServers.send(server, "POST", "/welcome/ada", quoteUrl()).body())
                .isEqualTo("{\"greeting\":\"welcome, ada\",\"quote\":\"" + QUOTE + "\",\"visits\":2}");
        assertThat(TestServers.send(server, "POST", "/welcome/grace", quoteUrl()).body())
                .isEqualTo("{\"greeting\":\"welcome, grace\",\"quote\":\"" + QUOTE + "\",\"visits\":1}");
        HttpResponse<String> missing = TestServers.send(server, "POST", "/welcome/ada", url("/missing"));
        assertThat(missing.statusCode()).isEqualTo(500);
        assertThat(missing.body()).isEqualTo("{\"status\":500,\"message\":\"404: no such quote\"}");
    }
}
