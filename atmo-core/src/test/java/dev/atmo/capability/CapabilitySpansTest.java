package dev.atmo.capability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.server.AtmoServer;
import dev.atmo.server.ServerOptions;
import dev.atmo.trace.OtlpReceiver;
import dev.atmo.trace.OtlpReceiver.Received;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With traces on, every call a Runnable makes out of the process is a span under its invocation: GraphQL (with the
 * POST it sends, which carries the trace on), the in-memory and the Redis cache, the database, and a failed fetch
 * marked with its status. Spans go to a real OTLP/HTTP receiver; the services are real ones on loopback.
 */
class CapabilitySpansTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String KEY = "atmo-test:" + UUID.randomUUID();

    @TempDir
    static Path memoryDir;
    @TempDir
    static Path redisDir;
    private static OtlpReceiver receiver;
    private static LoopbackHttp http;
    private static AtmoServer memory;
    private static AtmoServer redis;

    @BeforeAll
    static void start() {
        receiver = OtlpReceiver.start();
        http = LoopbackHttp.start();
        GraphQlServer.serve(http, "ghp_test");
        String common = TestBundle.bearerAndPostgres(http.hostAndPort(), "ghp_test");
        TestBundle.write(memoryDir, common + """
                queries:
                  - name: sum
                    query: SELECT CAST($1 AS INT) + CAST($2 AS INT) AS total
                """, "abi-b-rust");
        TestBundle.write(redisDir, common + """
                  redis:
                    serverAddress: redis://127.0.0.1:6379
                """, "abi-b-rust");
        memory = AtmoServer.start(ServerOptions.builder().bundle(memoryDir).host("127.0.0.1").port(0)
                .tracing(receiver.settings("atmo-memory")).build());
        redis = AtmoServer.start(ServerOptions.builder().bundle(redisDir).host("127.0.0.1").port(0)
                .tracing(receiver.settings("atmo-redis")).build());
    }

    @AfterAll
    static void stop() {
        memory.close();
        redis.close();
        http.close();
        receiver.close();
    }

    /** Runs the commands in a trace of the test's own and returns its spans, once {@code spans} have arrived. */
    private static List<Received> traced(AtmoServer server, int spans, String... commands) throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/abi-b-rust"))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", commands))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return receiver.awaitTrace(traceId, spans);
    }

    private static Received only(List<Received> spans, Predicate<Received> which) {
        List<Received> found = spans.stream().filter(which).toList();
        assertThat(found).as("spans matching in %s", spans).hasSize(1);
        return found.get(0);
    }

    private static Received named(List<Received> spans, String name) {
        return only(spans, s -> s.name().equals(name));
    }

    @Test
    void graphQlTheMemoryCacheTheDatabaseAndAFailedFetchAreSpansOfTheInvocation() throws Exception {
        List<Received> trace = traced(memory, 9,
                "graphql " + http.base() + GraphQlServer.PATH + " " + GraphQlTest.REACTR,
                "cache_set " + KEY + " hello 0",
                "cache_get " + KEY,
                "var a 40",
                "var b 2",
                "db 1 sum",
                "fetch GET " + http.base() + "/nope");
        Received invocation = named(trace, "invoke abi-b-rust");

        Received graphql = named(trace, "GraphQL query");
        assertThat(graphql.childOf(invocation)).isTrue();
        assertThat(graphql.kind()).isEqualTo("SPAN_KIND_CLIENT");
        assertThat(graphql.attributes()).containsEntry("url.full", http.base() + GraphQlServer.PATH);
        Received post = named(trace, "POST");
        assertThat(post.childOf(graphql)).isTrue();
        assertThat(http.received()).anySatisfy(request -> {
            assertThat(request.target()).isEqualTo(GraphQlServer.PATH);
            assertThat(request.header("traceparent")).hasValueSatisfying(traceparent -> assertThat(traceparent)
                    .matches("00-" + invocation.traceId() + "-" + post.spanId() + "-0[13]"));
        });

        Received set = named(trace, "cache set");
        Received get = named(trace, "cache get");
        assertThat(List.of(set, get)).allMatch(span -> span.childOf(invocation)
                && span.kind().equals("SPAN_KIND_INTERNAL") && "memory".equals(span.attribute("atmo.cache")));
        assertThat(get.attributes()).containsEntry("atmo.cache.hit", true);

        Received query = named(trace, "query sum");
        assertThat(query.childOf(invocation)).isTrue();
        assertThat(query.kind()).isEqualTo("SPAN_KIND_CLIENT");
        assertThat(query.attributes()).containsEntry("db.system.name", "postgresql")
                .containsEntry("atmo.query.name", "sum");

        Received fetch = named(trace, "GET");
        assertThat(fetch.childOf(invocation)).isTrue();
        assertThat(fetch.failed()).isTrue();
        assertThat(fetch.statusMessage()).isEqualTo("HTTP 404");
        assertThat(fetch.attributes()).containsEntry("http.response.status_code", 404L);
    }

    @Test
    void theRedisCacheIsAClientOfRedis() throws Exception {
        // expires by itself: nothing is left in the shared Redis
        List<Received> trace = traced(redis, 6, "cache_set " + KEY + " hello 60", "cache_get " + KEY,
                "cache_get " + KEY + "-missing");
        Received invocation = named(trace, "invoke abi-b-rust");
        Received set = named(trace, "cache set");
        List<Received> gets = trace.stream().filter(s -> s.name().equals("cache get")).toList();
        assertThat(gets).hasSize(2);
        assertThat(gets).extracting(g -> g.attribute("atmo.cache.hit")).containsExactlyInAnyOrder(true, false);
        assertThat(gets).allMatch(g -> g.childOf(invocation));
        assertThat(set.childOf(invocation)).isTrue();
        assertThat(set.kind()).isEqualTo("SPAN_KIND_CLIENT");
        assertThat(set.attributes()).containsEntry("db.system.name", "redis").containsEntry("atmo.cache", "redis");
    }
}
