package dev.atmo.capability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.server.AtmoServer;
import dev.atmo.server.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.JedisPooled;

/**
 * A Runnable written with the C SDK ({@code testdata/runnables/sdk/c/visits.c}) served by the server against
 * real services: HTTP and GraphQL servers on loopback, the machine's Redis as the cache, a static file of the
 * bundle, the guest log and the machine's PostgreSQL. The module marks itself as generation B, so it answers
 * the same whatever {@code atmoVersion} the Directive names.
 */
class SdkCTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final String TOKEN = "ghp_sdk_c";
    private static final Pattern REQUEST_ID = Pattern.compile("\"request\":\"([0-9a-f-]{36})\"");

    private static LoopbackHttp api;
    private static PrintStream stderr;
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

    @BeforeAll
    static void start() {
        api = LoopbackHttp.start();
        GraphQlServer.serve(api, TOKEN);
        stderr = System.err;
        System.setErr(new PrintStream(new Tee(stderr, LOG), true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        System.setErr(stderr);
        api.close();
    }

    @ParameterizedTest(name = "atmoVersion {0}")
    @ValueSource(strings = {"v0.3.0", "v0.4.0"})
    void runnableBuiltWithTheSdkUsesEveryCapability(String atmoVersion, @TempDir Path dir) throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String table = "sdk_c_visits_" + unique;
        String counter = "sdk-c-test:" + unique;
        try (Connection admin = DriverManager.getConnection(JDBC); Statement s = admin.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id SERIAL PRIMARY KEY, who VARCHAR(100))");
        }
        bundle(dir, atmoVersion, table);
        String body = """
                {"message": "say \\"hi\\"\\n\\u00e9", "backend": "%s/ok", "graphql": "%s/graphql", "counter": "%s"}
                """.formatted(api.base(), api.base(), counter);
        try (AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(dir).host("127.0.0.1").port(0)
                .build())) {
            HttpResponse<String> first = post(server, "/visits/ada", body);
            String id = requestId(first.body());
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(first.headers().firstValue("X-Visits")).contains("1");
            assertThat(first.body()).isEqualTo("{\"who\":\"ada\",\"message\":\"say \\\"hi\\\"\\né\",\"backend\":\"ok\","
                    + "\"repository\":\"suborbital/reactr\",\"visits\":1,\"greeting\":\"Hello from a static file\\n\","
                    + "\"inserted\":1,\"rows\":1,\"first\":\"ada\",\"request\":\"" + id + "\"}");
            assertThat(api.last().values("Authorization")).containsExactly("Bearer " + TOKEN);
            assertThat(logText()).contains("[visits request_id=" + id + "] visit 1 from ada");

            HttpResponse<String> second = post(server, "/visits/ada", body);
            assertThat(second.body()).isEqualTo("{\"who\":\"ada\",\"message\":\"say \\\"hi\\\"\\né\",\"backend\":\"ok\","
                    + "\"repository\":\"suborbital/reactr\",\"visits\":2,\"greeting\":\"Hello from a static file\\n\","
                    + "\"inserted\":2,\"rows\":2,\"first\":\"ada\",\"request\":\"" + requestId(second.body()) + "\"}");
            try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
                assertThat(redis.get(counter)).isEqualTo("2");
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(JDBC); Statement s = admin.createStatement()) {
                s.execute("DROP TABLE " + table);
            }
            try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
                redis.del(counter);
            }
        }
    }

    @ParameterizedTest(name = "atmoVersion {0}")
    @ValueSource(strings = {"v0.3.0", "v0.4.0"})
    void errorsOfTheSdkAndTheHostBecomeTheResponse(String atmoVersion, @TempDir Path dir) throws Exception {
        bundle(dir, atmoVersion, "sdk_c_unused");
        try (AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(dir).host("127.0.0.1").port(0)
                .build())) {
            HttpResponse<String> notJson = post(server, "/visits/ada", "hello");
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(notJson.body()).isEqualTo("{\"status\":400,\"message\":\"invalid JSON at byte 0: invalid number\"}");

            HttpResponse<String> missing = post(server, "/visits/ada",
                    "{\"backend\": \"" + api.base() + "/nope\"}");
            assertThat(missing.statusCode()).isEqualTo(500);
            assertThat(missing.body()).isEqualTo("{\"status\":500,\"message\":\"404: nope\"}");
        }
    }

    /** The bundle: the Runnable at POST /visits/:who, Redis, PostgreSQL with two queries, a static file. */
    private static void bundle(Path dir, String atmoVersion, String table) throws IOException {
        Files.writeString(dir.resolve("Directive.yaml"), """
                identifier: com.example.sdkc
                appVersion: v0.1.0
                atmoVersion: %s
                runnables:
                  - name: visits
                    namespace: default
                handlers:
                  - type: request
                    method: POST
                    resource: /visits/:who
                    steps:
                      - fn: visits
                connections:
                  redis:
                    serverAddress: redis://127.0.0.1:6379
                  database:
                    type: postgresql
                    connectionString: postgresql://postgres@127.0.0.1:5432/test?sslmode=disable
                queries:
                  - name: add-visit
                    query: INSERT INTO %s (who) VALUES ($1)
                  - name: visits-of
                    query: SELECT who FROM %s WHERE who = $1 ORDER BY id
                authentication:
                  domains:
                    "%s":
                      headerType: bearer
                      value: %s
                """.formatted(atmoVersion, table, table, api.hostAndPort(), TOKEN));
        Files.write(dir.resolve("visits.wasm"), TestBundle.module("sdk-c-visits"));
        Files.createDirectories(dir.resolve("static"));
        Files.writeString(dir.resolve("static/greeting.txt"), "Hello from a static file\n");
    }

    private static HttpResponse<String> post(AtmoServer server, String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String requestId(String answer) {
        Matcher matcher = REQUEST_ID.matcher(answer);
        assertThat(matcher.find()).as("request id in %s", answer).isTrue();
        return matcher.group(1);
    }

    private static String logText() {
        synchronized (LOG) {
            return LOG.toString(StandardCharsets.UTF_8);
        }
    }

    /** Writes to the real stderr and keeps a copy, so the test can read the guest's log lines. */
    private static final class Tee extends OutputStream {
        private final OutputStream out;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream out, ByteArrayOutputStream copy) {
            this.out = out;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            synchronized (copy) {
                copy.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            synchronized (copy) {
                copy.write(b, off, len);
            }
        }
    }
}
