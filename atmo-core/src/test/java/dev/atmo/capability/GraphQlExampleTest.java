package dev.atmo.capability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.server.AtmoServer;
import dev.atmo.server.ServerOptions;
import dev.atmo.testing.RepositoryRoot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code examples/graphql} bundle against a graphql-java server that demands a token, with the example's
 * authentication pointed at that server instead of {@code api.github.com}.
 */
class GraphQlExampleTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static LoopbackHttp api;

    @BeforeAll
    static void start() {
        api = LoopbackHttp.start();
        GraphQlServer.serve(api, "ghp_example");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** A copy of the example whose authentication names the local server, with {@code token} as the value. */
    static Path example(Path dir, String token) throws IOException {
        Path source = RepositoryRoot.resolve("examples/graphql");
        String directive = Files.readString(source.resolve("Directive.yaml"));
        String rewritten = directive
                .replace("    api.github.com:\n", "    \"" + api.hostAndPort() + "\":\n")
                .replace("value: env(GITHUB_TOKEN)", "value: " + token);
        assertThat(rewritten).contains(api.hostAndPort()).contains("value: " + token);
        Files.writeString(dir.resolve("Directive.yaml"), rewritten);
        Files.createDirectories(dir.resolve("repository"));
        for (String file : new String[] {".runnable.yaml", "repository.wasm"}) {
            Files.copy(source.resolve("repository").resolve(file), dir.resolve("repository").resolve(file));
        }
        return dir;
    }

    static HttpResponse<String> post(AtmoServer server, String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theExampleAnswersWithTheConfiguredToken(@TempDir Path dir) throws Exception {
        try (AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(example(dir, "ghp_example"))
                .host("127.0.0.1").port(0).build())) {
            HttpResponse<String> reactr = post(server, "/repository/suborbital/reactr", api.base() + "/graphql");
            assertThat(reactr.statusCode()).isEqualTo(200);
            assertThat(reactr.body())
                    .isEqualTo("{\"data\":{\"repository\":{\"name\":\"reactr\",\"nameWithOwner\":\"suborbital/reactr\"}}}");
            assertThat(api.last().values("Authorization")).containsExactly("Bearer ghp_example");
            assertThat(post(server, "/repository/a%22b/c", api.base() + "/graphql").body())
                    .as("quotes in the route reach the server as text")
                    .isEqualTo("{\"data\":{\"repository\":{\"name\":\"c\",\"nameWithOwner\":\"a\\\"b/c\"}}}");
        }
    }

    @Test
    void aWrongTokenIsAnError(@TempDir Path dir) throws Exception {
        try (AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(example(dir, "wrong"))
                .host("127.0.0.1").port(0).build())) {
            HttpResponse<String> response = post(server, "/repository/suborbital/reactr", api.base() + "/graphql");
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).isEqualTo("{\"status\":502,\"message\":\"the GraphQL query to " + api.base()
                    + "/graphql failed\"}");
        }
    }
}
