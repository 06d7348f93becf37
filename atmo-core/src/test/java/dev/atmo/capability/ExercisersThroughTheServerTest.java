package dev.atmo.capability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.server.AtmoServer;
import dev.atmo.server.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ABI exercisers in every language (Rust, AssemblyScript, C) of both generations, served by a running
 * server from one bundle and calling the real capabilities: outbound HTTP and GraphQL to servers on loopback
 * with injected credentials, the cache, static files, the logger, the request and response, and (ABI B) the
 * machine's PostgreSQL. Each language must give the exact answer.
 */
class ExercisersThroughTheServerTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private static LoopbackHttp http;
    private static AtmoServer server;

    @BeforeAll
    static void start() throws Exception {
        http = LoopbackHttp.start();
        GraphQlServer.serve(http, "ghp_test");
        TestBundle.write(dir, TestBundle.bearerAndPostgres(http.hostAndPort(), "ghp_test") + """
                queries:
                  - name: sum
                    query: SELECT CAST($1 AS INT) + CAST($2 AS INT) AS total
                """,
                "abi-a-rust", "abi-a-as", "abi-a-c", "abi-b-rust", "abi-b-as", "abi-b-c");
        Files.createDirectories(dir.resolve("static"));
        Files.writeString(dir.resolve("static/main.md"), "## hello");
        server = AtmoServer.start(ServerOptions.builder().bundle(dir).host("127.0.0.1").port(0).build());
    }

    @AfterAll
    static void stop() {
        server.close();
        http.close();
    }

    private static HttpResponse<String> call(String exerciser, String... commands) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/" + exerciser))
                .header("X-Test", "yes")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", commands))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String data(String text) {
        return "rc=" + text.getBytes(UTF_8).length + " ffi=0 data=" + text;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"abi-a-rust", "abi-a-as", "abi-a-c", "abi-b-rust", "abi-b-as", "abi-b-c"})
    void everyCapabilityAnswersTheSameInEveryLanguage(String exerciser) throws Exception {
        boolean b = exerciser.startsWith("abi-b");
        String key = "key-" + exerciser;
        HttpResponse<String> response = call(exerciser,
                "fetch GET " + http.base() + "/ok",
                "body ping from " + exerciser,
                "fetch POST " + http.base() + "/ok",
                "graphql " + http.base() + GraphQlServer.PATH + " " + GraphQlTest.REACTR,
                "cache_set " + key + " hello cache 0",
                "cache_get " + key,
                "cache_get no-" + key,
                "static main.md",
                "field 0 method",
                "field 2 X-Test",
                "log 3 hello from " + exerciser,
                "header X-Out " + exerciser,
                "echo done");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Out")).contains(exerciser);
        assertThat(response.body().split("\n", -1)).containsExactly(
                data("ok"),
                "ok",
                data("ok"),
                data(GraphQlTest.REACTR_JSON),
                "rc=0",
                data("hello cache"),
                b ? "rc=-13 ffi=0 err=key not found" : "rc=-2",
                data("## hello"),
                data("POST"),
                data("yes"),
                "ok",
                "ok",
                "done");
        List<LoopbackHttp.Received> posts = http.received().stream()
                .filter(r -> r.method().equals("POST") && r.target().equals("/ok")
                        && r.bodyText().equals("ping from " + exerciser)).toList();
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).values("Authorization")).containsExactly("Bearer ghp_test");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"abi-b-rust", "abi-b-as", "abi-b-c"})
    void aDeclaredQueryRunsOnPostgresInEveryLanguage(String exerciser) throws Exception {
        HttpResponse<String> response = call(exerciser, "var a 40", "var b 2", "db 1 sum");
        assertThat(response.body()).isEqualTo("rc=0\nrc=0\n" + data("[{\"total\":42}]"));
    }
}
