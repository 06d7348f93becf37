package dev.atmo.capability;

import static java.nio.charset.StandardCharsets.UTF_8;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.JedisPooled;

/**
 * A Runnable written with the project's Rust SDK ({@code testdata/runnables/sdk/rust/tour.rs}) served by a real
 * server against real services: the body and a URL parameter, HTTP GET and GraphQL on loopback, a visit counter in
 * the machine's Redis, a static file, a log line and PostgreSQL, answered as JSON. The module exports
 * {@code atmo_abi_b}, so it answers the same whatever {@code atmoVersion} the Directive names.
 */
class SdkRustTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final String TOKEN = "tour-token";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TABLE = "sdk_rust_tour_" + RUN;

    private static LoopbackHttp services;

    @BeforeAll
    static void start() throws Exception {
        services = LoopbackHttp.start();
        GraphQlServer.serve(services, TOKEN);
        try (Connection db = DriverManager.getConnection(POSTGRES); Statement s = db.createStatement()) {
            s.execute("CREATE TABLE " + TABLE + " (id SERIAL PRIMARY KEY, name VARCHAR(100))");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        services.close();
        try (Connection db = DriverManager.getConnection(POSTGRES); Statement s = db.createStatement()) {
            s.execute("DROP TABLE " + TABLE);
        }
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            redis.keys("sdk-rust-tour:ada-" + RUN + "*").forEach(redis::del);
        }
    }

    @ParameterizedTest(name = "atmoVersion {0}")
    @ValueSource(strings = {"v0.3.0", "v0.4.0"})
    void theTourRunnableUsesEveryCapabilityAndAnswersJson(String atmoVersion, @TempDir Path dir) throws Exception {
        String user = "ada-" + RUN + "-" + atmoVersion.replace(".", "");
        bundle(dir, atmoVersion);
        services.reset();
        String body = """
                {"greeting":"hi there","service":"%s/ok","graphql":"%s%s"}"""
                .formatted(services.base(), services.base(), GraphQlServer.PATH);
        try (AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(dir).host("127.0.0.1").port(0).build());
             GuestLines log = GuestLines.capture()) {
            HttpResponse<String> first = post(server, "/tour/" + user + "?lang=en", body);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(first.headers().firstValue("X-Tour-Visits")).hasValue("1");
            assertThat(first.body()).isEqualTo(answer(user, 1, "[{\"name\":\"" + user + "\"}]"));
            assertThat(log.text()).contains("tour of " + user + ", visit 1");

            HttpResponse<String> second = post(server, "/tour/" + user + "?lang=en", body);
            assertThat(second.body()).isEqualTo(
                    answer(user, 2, "[{\"name\":\"" + user + "\"},{\"name\":\"" + user + "\"}]"));
            assertThat(log.text()).contains("tour of " + user + ", visit 2");
        }
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            assertThat(redis.get("sdk-rust-tour:" + user)).isEqualTo("2");
            assertThat(redis.ttl("sdk-rust-tour:" + user)).isBetween(1L, 600L);
        }
        assertThat(visitsInDatabase(user)).isEqualTo(2);
        assertThat(services.received()).filteredOn(r -> r.target().equals("/ok")).hasSize(2)
                .allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
    }

    @ParameterizedTest(name = "atmoVersion {0}")
    @ValueSource(strings = {"v0.3.0", "v0.4.0"})
    void failuresAnswerTheRunnablesCodeAndTheHostsText(String atmoVersion, @TempDir Path dir) throws Exception {
        String user = "ada-" + RUN + "-failing-" + atmoVersion.replace(".", "");
        bundle(dir, atmoVersion);
        try (AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(dir).host("127.0.0.1").port(0).build())) {
            HttpResponse<String> noService = post(server, "/tour/" + user, "{\"graphql\":\"x\"}");
            assertThat(noService.statusCode()).isEqualTo(400);
            assertThat(noService.body()).isEqualTo("{\"status\":400,\"message\":\"the body has no string service\"}");

            HttpResponse<String> notJson = post(server, "/tour/" + user, "{\"service\":");
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(notJson.body())
                    .isEqualTo("{\"status\":400,\"message\":\"invalid JSON at byte 11: unexpected end of input\"}");

            HttpResponse<String> missing = post(server, "/tour/" + user,
                    "{\"service\":\"%s/nope\",\"graphql\":\"x\"}".formatted(services.base()));
            assertThat(missing.statusCode()).isEqualTo(500);
            assertThat(missing.body()).isEqualTo("{\"status\":500,\"message\":\"fetch_url failed: 404: nope\"}");
        }
    }

    private static String answer(String user, int visits, String rows) {
        return "{\"user\":\"" + user + "\",\"method\":\"POST\",\"lang\":\"en\",\"agent\":\"junit\","
                + "\"greeting\":\"hi there\",\"service\":\"ok\",\"repository\":\"suborbital/reactr\","
                + "\"visits\":" + visits + ",\"rows\":" + rows + ",\"motd\":\"welcome to the tour\"}";
    }

    private static void bundle(Path dir, String atmoVersion) throws IOException {
        Files.writeString(dir.resolve("Directive.yaml"), """
                identifier: com.example.sdkrust
                appVersion: v0.1.0
                atmoVersion: %s
                runnables:
                  - name: sdk-rust-tour
                    namespace: default
                handlers:
                  - type: request
                    method: POST
                    resource: /tour/:user
                    steps:
                      - fn: sdk-rust-tour
                connections:
                  redis:
                    serverAddress: redis://127.0.0.1:6379
                  database:
                    type: postgresql
                    connectionString: postgresql://postgres@127.0.0.1:5432/test?sslmode=disable
                queries:
                  - name: add-visit
                    query: INSERT INTO %s (name) VALUES ($1)
                  - name: visits-of
                    query: SELECT name FROM %s WHERE name = $1 ORDER BY id
                authentication:
                  domains:
                    "%s":
                      headerType: bearer
                      value: %s
                """.formatted(atmoVersion, TABLE, TABLE, services.hostAndPort(), TOKEN));
        Files.write(dir.resolve("sdk-rust-tour.wasm"), TestBundle.module("sdk-rust-tour"));
        Files.createDirectories(dir.resolve("static"));
        Files.writeString(dir.resolve("static/motd.txt"), "welcome to the tour\n");
    }

    private static HttpResponse<String> post(AtmoServer server, String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("X-Tour-Agent", "junit")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int visitsInDatabase(String user) throws Exception {
        try (Connection db = DriverManager.getConnection(POSTGRES); Statement s = db.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM " + TABLE + " WHERE name = '" + user + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /**
     * What is written to {@code System.err}, where the test logger (slf4j-simple) writes the guests' log lines,
     * while it is open; everything still reaches the real stream too.
     */
    private static final class GuestLines implements AutoCloseable {
        private final PrintStream original = System.err;
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        static GuestLines capture() {
            GuestLines lines = new GuestLines();
            System.setErr(new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    lines.original.write(b);
                    synchronized (lines.copy) {
                        lines.copy.write(b);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    lines.original.write(b, off, len);
                    synchronized (lines.copy) {
                        lines.copy.write(b, off, len);
                    }
                }
            }, true, UTF_8));
            return lines;
        }

        String text() {
            synchronized (copy) {
                return copy.toString(UTF_8);
            }
        }

        @Override
        public void close() {
            System.setErr(original);
        }
    }
}
