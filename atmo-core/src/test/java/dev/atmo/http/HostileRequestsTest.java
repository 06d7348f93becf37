package dev.atmo.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.request.JobRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests and handler answers that once froze or silently dropped a connection, on a real port. */
class HostileRequestsTest {
    private static HttpServer server;

    /** Answers in place on the event loop with whatever {@code answer} builds. */
    private record Quick(java.util.function.Function<JobRequest, Response> answer) implements RouteHandler {
        @Override
        public Response handle(JobRequest request) {
            return answer.apply(request);
        }

        @Override
        public Optional<Response> tryQuick(JobRequest request) {
            return Optional.of(answer.apply(request));
        }
    }

    private static Response withHeaders(Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("X-After", "kept");
        return new Response(200, all, "body".getBytes(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void start() {
        Router<RouteHandler> routes = Router.<RouteHandler>builder()
                .add("POST", "/echo", job -> new Response(200, Map.of(), job.body()))
                .add("GET", "/file/*name", job -> new Response(200, Map.of(), job.url().getBytes(StandardCharsets.UTF_8)))
                .add("GET", "/worker/oom", job -> {
                    throw new OutOfMemoryError("Java heap space (thrown by the test)");
                })
                .add("GET", "/quick/oom", new Quick(job -> {
                    throw new OutOfMemoryError("Java heap space (thrown by the test)");
                }))
                .add("GET", "/worker/bad-header", job -> withHeaders(Map.of("X-Bad", "one\r\nInjected: yes")))
                .add("GET", "/quick/bad-header", new Quick(job -> withHeaders(Map.of("X-Bad\u0000", "v"))))
                .add("GET", "/worker/framing", job -> withHeaders(Map.of("Transfer-Encoding", "chunked",
                        "Content-Length", "1000", "Connection", "close")))
                .build();
        server = HttpServer.builder().host("127.0.0.1").port(0).maxBodyBytes(16).router(() -> routes).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String post(String path, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    @Test
    void fiveHundredPipelinedRequestsOnAWorkerRouteAreAllAnsweredInOrder() throws Exception {
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            requests.append(post("/echo", "n" + i));
        }
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send(requests.toString());
            for (int i = 0; i < 500; i++) {
                RawConnection.Answer answer = connection.answer();
                assertThat(answer.status()).as("status of answer " + i).isEqualTo(200);
                assertThat(answer.body()).isEqualTo("n" + i);
            }
        }
    }

    @Test
    void aRedirectWhosePathHasALineBreakIsABadRequest() throws Exception {
        try (RawConnection connection = new RawConnection(server.port())) {
            RawConnection.Answer answer = connection.send(get("//file/a%0d%0aSet-Cookie:%20x=y")).answer();
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).isEqualTo(
                    "{\"status\":400,\"message\":\"invalid request path: it contains control characters\"}");
            assertThat(answer.headers()).doesNotContainKey("set-cookie").doesNotContainKey("location");
            RawConnection.Answer next = connection.send(get("//file/plain")).answer();
            assertThat(next.status()).isEqualTo(301);
            assertThat(next.headers()).containsEntry("location", "/file/plain");
        }
    }

    @Test
    void anExpectedBodyOverTheLimitGetsTheJsonError() throws Exception {
        try (RawConnection connection = new RawConnection(server.port())) {
            RawConnection.Answer answer = connection.send("POST /echo HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Length: 100\r\nExpect: 100-continue\r\n\r\n").answer();
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.headers()).containsEntry("content-type", "application/json");
            assertThat(answer.body()).isEqualTo(
                    "{\"status\":413,\"message\":\"request body is larger than the limit of 16 bytes\"}");
        }
    }

    @Test
    void anErrorThrownOnAWorkerIsA500AndTheConnectionGoesOn() throws Exception {
        try (RawConnection connection = new RawConnection(server.port())) {
            RawConnection.Answer failed = connection.send(get("/worker/oom") + post("/echo", "after")).answer();
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.body()).isEqualTo("{\"status\":500,\"message\":\"failed to handle request\"}");
            assertThat(connection.answer().body()).isEqualTo("after");
        }
    }

    @Test
    void anErrorThrownOnTheEventLoopIsA500AndTheConnectionGoesOn() throws Exception {
        try (RawConnection connection = new RawConnection(server.port())) {
            RawConnection.Answer failed = connection.send(get("/quick/oom") + post("/echo", "after")).answer();
            assertThat(failed.status()).isEqualTo(500);
            assertThat(connection.answer().body()).isEqualTo("after");
        }
    }

    @Test
    void aHeaderWithALineBreakFromAWorkerIsLeftOutAndPipelinedRequestsGoOn() throws Exception {
        try (RawConnection connection = new RawConnection(server.port())) {
            RawConnection.Answer answer = connection.send(get("/worker/bad-header") + post("/echo", "after")).answer();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.headers()).doesNotContainKeys("x-bad", "injected").containsEntry("x-after", "kept");
            assertThat(answer.body()).isEqualTo("body");
            assertThat(connection.answer().body()).isEqualTo("after");
        }
    }

    @Test
    void aHeaderWithANulOnTheEventLoopIsLeftOut() throws Exception {
        try (RawConnection connection = new RawConnection(server.port())) {
            RawConnection.Answer answer = connection.send(get("/quick/bad-header") + post("/echo", "after")).answer();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.headers()).containsEntry("x-after", "kept").hasSize(2);
            assertThat(connection.answer().body()).isEqualTo("after");
        }
    }

    @Test
    void framingHeadersAreTheServersOwn() throws Exception {
        try (RawConnection connection = new RawConnection(server.port())) {
            RawConnection.Answer answer = connection.send(get("/worker/framing") + post("/echo", "after")).answer();
            assertThat(answer.headers()).doesNotContainKeys("transfer-encoding", "connection")
                    .containsEntry("content-length", "4");
            assertThat(answer.body()).isEqualTo("body");
            assertThat(connection.answer().body()).isEqualTo("after");
        }
    }
}
