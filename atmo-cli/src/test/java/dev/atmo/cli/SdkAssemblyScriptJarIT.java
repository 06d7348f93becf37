package dev.atmo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.atmo.testing.RepositoryRoot;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.JedisPooled;

/**
 * A Runnable written with the AssemblyScript SDK ({@code testdata/runnables/sdk/assemblyscript/capabilities.ts})
 * served by the built {@code atmo.jar} on a real port, against the machine's Redis and PostgreSQL and an HTTP and
 * GraphQL (graphql-java) server on loopback. The module declares generation B itself, so it answers the same
 * whichever {@code atmoVersion} the Directive names.
 */
class SdkAssemblyScriptJarIT {
    private static final Path ROOT = RepositoryRoot.path();
    private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final List<String> SDK_HEADERS = new CopyOnWriteArrayList<>();
    private static HttpServer services;
    private static String base;

    @BeforeAll
    static void startServices() throws IOException {
        services = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        services.createContext("/", exchange -> answer(exchange, 404, "nope"));
        services.createContext("/greet", exchange -> {
            SDK_HEADERS.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Sdk")));
            String query = exchange.getRequestURI().getQuery();
            answer(exchange, 200, "hello " + query.substring(query.indexOf('=') + 1));
        });
        GraphQL graphql = repositories();
        services.createContext("/graphql", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            Map<String, Object> result = graphql.execute(ExecutionInput.newExecutionInput()
                    .query(request.path("query").asText()).build()).toSpecification();
            answer(exchange, 200, JSON.writeValueAsString(result));
        });
        services.start();
        base = "http://127.0.0.1:" + services.getAddress().getPort();
    }

    @AfterAll
    static void stopServices() {
        services.stop(0);
    }

    /** {@code repository(owner, name)} answers {@code name} and {@code nameWithOwner}. */
    private static GraphQL repositories() {
        DataFetcher<Map<String, String>> repository = env -> Map.of(
                "name", env.<String>getArgument("name"),
                "nameWithOwner", env.getArgument("owner") + "/" + env.getArgument("name"));
        String schema = """
                type Query { repository(owner: String!, name: String!): Repository }
                type Repository { name: String, nameWithOwner: String }
                """;
        return GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(schema),
                RuntimeWiring.newRuntimeWiring().type("Query", t -> t.dataFetcher("repository", repository))
                        .build())).build();
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @ParameterizedTest(name = "atmoVersion {0}")
    @ValueSource(strings = {"v0.3.0", "v0.4.0"})
    void theSdkRunnableUsesEveryCapabilityThroughAtmoStart(String atmoVersion, @TempDir Path dir) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String table = "atmo_sdk_as_visits_" + suffix;
        String counter = "atmo-test:sdk-as:" + suffix;
        try (Connection admin = DriverManager.getConnection(JDBC); Statement s = admin.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id SERIAL PRIMARY KEY, name VARCHAR(100))");
        }
        bundle(dir, atmoVersion, table);
        int port = AtmoJarIT.freePort();
        Path log = Files.createTempFile("atmo-sdk-as", ".log");
        Process process = AtmoJarIT.atmo("start", "--port", String.valueOf(port), dir.toString())
                .redirectOutput(log.toFile()).start();
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            String config = JSON.writeValueAsString(Map.of("api", base, "graphql", base + "/graphql",
                    "counter", counter));
            SDK_HEADERS.clear();

            HttpResponse<String> first = tour(process, log, port, "ada", config);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).isEqualTo(answer("ada", 1, 1));
            assertThat(first.headers().firstValue("X-Tour")).hasValue("ada");
            HttpResponse<String> second = tour(process, log, port, "ada", config);
            assertThat(second.body()).isEqualTo(answer("ada", 2, 2));
            HttpResponse<String> other = tour(process, log, port, "grace", config);
            assertThat(other.body()).isEqualTo(answer("grace", 3, 1));

            assertThat(SDK_HEADERS).containsExactly("assemblyscript", "assemblyscript", "assemblyscript");
            assertThat(redis.get(counter)).isEqualTo("3");
            assertThat(redis.ttl(counter)).isBetween(1L, 600L);
            assertThat(visits(table)).containsExactly("ada", "ada", "grace");

            String failing = JSON.writeValueAsString(Map.of("api", base + "/missing", "graphql", base + "/graphql",
                    "counter", counter));
            HttpResponse<String> failed = tour(process, log, port, "ada", failing);
            assertThat(failed.statusCode()).isEqualTo(502);
            assertThat(failed.body()).isEqualTo("{\"status\":502,\"message\":\"fetch_url: 404: nope\"}");
            HttpResponse<String> notJson = tour(process, log, port, "ada", "not json");
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(notJson.body())
                    .isEqualTo("{\"status\":400,\"message\":\"the body must be JSON: unexpected character 'n' at offset 0\"}");
            redis.del(counter);
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (Connection admin = DriverManager.getConnection(JDBC); Statement s = admin.createStatement()) {
                s.execute("DROP TABLE " + table);
            }
        }
        String output = Files.readString(log);
        assertThat(output).contains("Runnable capabilities uses Runnable ABI B");
        String guest = " INFO  guest - [capabilities request_id=";
        assertThat(output.lines().filter(l -> l.contains(guest)).map(l -> l.substring(l.indexOf("] ") + 2)))
                .containsExactly("tour of ada, call 1", "tour of ada, call 2", "tour of grace, call 3");
    }

    /** The JSON the Runnable answers for {@code name}: one object, members in the order the Runnable sets them. */
    private static String answer(String name, int calls, int visits) {
        return "{\"name\":\"" + name + "\",\"method\":\"POST\",\"url\":\"/tour/" + name + "?lang=en\","
                + "\"lang\":\"en\",\"trace\":\"trace-" + name + "\",\"seen\":\"tour of " + name + "\","
                + "\"greeting\":\"hello " + name + "\","
                + "\"repository\":{\"name\":\"" + name + "\",\"nameWithOwner\":\"suborbital/" + name + "\"},"
                + "\"calls\":" + calls + ",\"static\":\"Welcome to the tour.\\n\",\"visits\":" + visits + "}";
    }

    private static void bundle(Path dir, String atmoVersion, String table) throws IOException {
        Files.writeString(dir.resolve("Directive.yaml"), """
                identifier: com.example.sdk-assemblyscript
                appVersion: v0.1.0
                atmoVersion: %s
                runnables:
                  - name: capabilities
                    namespace: default
                    lang: assemblyscript
                handlers:
                  - type: request
                    method: POST
                    resource: /tour/:name
                    steps:
                      - fn: capabilities
                connections:
                  redis:
                    serverAddress: redis://127.0.0.1:6379
                  database:
                    type: postgresql
                    connectionString: postgresql://postgres@127.0.0.1:5432/test?sslmode=disable
                queries:
                  - name: add-visit
                    query: INSERT INTO %s (name) VALUES ($1)
                  - name: count-visits
                    query: SELECT COUNT(*) AS visits FROM %s WHERE name = $1
                """.formatted(atmoVersion, table, table));
        Files.copy(ROOT.resolve("testdata/runnables/wasm/sdk-assemblyscript-capabilities.wasm"),
                dir.resolve("capabilities.wasm"));
        Files.createDirectories(dir.resolve("static"));
        Files.writeString(dir.resolve("static/greeting.txt"), "Welcome to the tour.\n");
    }

    /** POSTs the config to /tour/{name}?lang=en with header X-Trace, waiting for the server (whose output is {@code log}) to come up. */
    private static HttpResponse<String> tour(Process process, Path log, int port, String name, String config)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tour/" + name
                        + "?lang=en")).header("X-Trace", "trace-" + name)
                .POST(HttpRequest.BodyPublishers.ofString(config)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try {
                return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                assertThat(process.isAlive()).as("atmo is running; its output:%n%s", Files.readString(log)).isTrue();
                assertThat(Instant.now()).as("atmo answered within a minute").isBefore(deadline);
                Thread.sleep(100);
            }
        }
    }

    private static List<String> visits(String table) throws Exception {
        try (Connection admin = DriverManager.getConnection(JDBC); Statement s = admin.createStatement();
             ResultSet rows = s.executeQuery("SELECT name FROM " + table + " ORDER BY id")) {
            List<String> names = new java.util.ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }
}
