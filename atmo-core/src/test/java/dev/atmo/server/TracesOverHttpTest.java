package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.atmo.testing.RepositoryRoot;
import dev.atmo.trace.OtlpReceiver;
import dev.atmo.trace.OtlpReceiver.Received;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces of HTTP requests exported to a real OTLP/HTTP receiver on loopback: the spans of one request form one
 * trace and nest handler, step, invocation and outbound call; the trace goes out on the outbound call and
 * continues one that comes in, on a request or a websocket upgrade; errors mark their spans; group members and forEach elements get spans of their
 * own; the request histograms carry the trace ids as exemplars.
 */
class TracesOverHttpTest {
    private static final String IDENTIFIER = "com.example.traces";
    private static final List<String> SEEN_TRACEPARENTS = new CopyOnWriteArrayList<>();

    @TempDir
    static Path dir;
    private static OtlpReceiver receiver;
    private static HttpServer backend;
    private static AtmoServer server;
    private static AtmoServer example;

    @BeforeAll
    static void start() throws IOException {
        receiver = OtlpReceiver.start();
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/hello", exchange -> {
            SEEN_TRACEPARENTS.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        backend.start();
        Files.writeString(dir.resolve("Directive.yaml"), """
                identifier: %s
                appVersion: v0.1.0
                atmoVersion: v0.3.0
                runnables:
                  - name: abi-b-rust
                    namespace: default
                  - name: echo-wat
                    namespace: default
                handlers:
                  - type: request
                    method: POST
                    resource: /fetch/:who
                    steps:
                      - fn: abi-b-rust
                      - fn: echo-wat
                  - type: request
                    method: POST
                    resource: /fail
                    steps:
                      - fn: abi-b-rust
                """.formatted(IDENTIFIER));
        for (String name : List.of("abi-b-rust", "echo-wat")) {
            Files.copy(RepositoryRoot.resolve("testdata/runnables/wasm/" + name + ".wasm"),
                    dir.resolve(name + ".wasm"));
        }
        server = AtmoServer.start(ServerOptions.builder().bundle(dir).host("127.0.0.1").port(0)
                .tracing(receiver.settings("atmo-traces")).build());
        example = AtmoServer.start(TestServers.options("testdata/bundles/example-project").runSchedules(false)
                .tracing(receiver.settings("atmo-example")).build());
    }

    @AfterAll
    static void stop() {
        server.close();
        example.close();
        backend.stop(0);
        receiver.close();
    }

    private static String fetchCommand() {
        return "fetch GET http://127.0.0.1:" + backend.getAddress().getPort() + "/hello";
    }

    /** The first span named {@code name} whose trace also holds a span matching {@code marker}. */
    private static Received serverSpan(String name, Predicate<Received> marker) {
        List<Received> all = receiver.await(spans -> spans.stream().anyMatch(s -> s.name().equals(name)
                && spans.stream().anyMatch(m -> m.traceId().equals(s.traceId()) && marker.test(m))));
        return all.stream().filter(s -> s.name().equals(name)
                && all.stream().anyMatch(m -> m.traceId().equals(s.traceId()) && marker.test(m))).findFirst()
                .orElseThrow();
    }

    private static Received only(List<Received> spans, Predicate<Received> which) {
        List<Received> found = spans.stream().filter(which).toList();
        assertThat(found).as("spans matching in %s", spans).hasSize(1);
        return found.get(0);
    }

    @Test
    void oneRequestThroughTwoStepsIsOneTraceOfNestedSpans() {
        HttpResponse<String> response = TestServers.send(server, "POST", "/fetch/ada", fetchCommand());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(fetchCommand());

        Received handler = serverSpan("POST /fetch/:who", s -> s.name().equals("GET"));
        List<Received> trace = receiver.awaitTrace(handler.traceId(), 6);
        assertThat(trace).hasSize(6).allMatch(s -> s.service().equals("atmo-traces"));
        assertThat(handler.parentSpanId()).isEmpty();
        assertThat(handler.kind()).isEqualTo("SPAN_KIND_SERVER");
        assertThat(handler.attributes()).containsEntry("http.request.method", "POST")
                .containsEntry("http.route", "/fetch/:who").containsEntry("url.path", "/fetch/ada")
                .containsEntry("http.response.status_code", 200L);

        Received fetchStep = only(trace, s -> s.name().equals("step abi-b-rust"));
        Received echoStep = only(trace, s -> s.name().equals("step echo-wat"));
        assertThat(fetchStep.childOf(handler)).isTrue();
        assertThat(echoStep.childOf(handler)).isTrue();
        assertThat(fetchStep.attributes()).containsEntry("atmo.runnable", "abi-b-rust")
                .containsEntry("atmo.fqfn", IDENTIFIER + "#default::abi-b-rust@v0.1.0");
        assertThat(echoStep.attributes()).containsEntry("atmo.fqfn", IDENTIFIER + "#default::echo-wat@v0.1.0");

        Received fetchInvocation = only(trace, s -> s.name().equals("invoke abi-b-rust"));
        Received echoInvocation = only(trace, s -> s.name().equals("invoke echo-wat"));
        assertThat(fetchInvocation.childOf(fetchStep)).isTrue();
        assertThat(echoInvocation.childOf(echoStep)).isTrue();
        assertThat(fetchInvocation.attributes()).containsEntry("atmo.abi", "B")
                .containsEntry("atmo.invocation.outcome", "success").containsKey("atmo.instance.wait_ms");
        assertThat(echoInvocation.attributes()).containsEntry("atmo.abi", "A");

        Received fetch = only(trace, s -> s.name().equals("GET"));
        assertThat(fetch.childOf(fetchInvocation)).isTrue();
        assertThat(fetch.kind()).isEqualTo("SPAN_KIND_CLIENT");
        assertThat(fetch.attributes()).containsEntry("http.response.status_code", 200L)
                .containsEntry("url.full", "http://127.0.0.1:" + backend.getAddress().getPort() + "/hello");
        // version 00, the trace, the client span as parent, then the flags: sampled (and the trace id random)
        assertThat(SEEN_TRACEPARENTS).anyMatch(seen -> seen.matches(
                "00-" + handler.traceId() + "-" + fetch.spanId() + "-0[13]"));
    }

    @Test
    void aTraceThatComesInIsContinued() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parent = "00f067aa0ba902b7";
        HttpResponse<String> response = TestServers.send(server, "POST", "/fetch/bob", "echo hi",
                Map.of("traceparent", "00-" + traceId + "-" + parent + "-01"));
        assertThat(response.statusCode()).isEqualTo(200);

        List<Received> trace = receiver.awaitTrace(traceId, 5);
        Received handler = only(trace, s -> s.name().equals("POST /fetch/:who"));
        assertThat(handler.parentSpanId()).isEqualTo(parent);
        assertThat(handler.attributes()).containsEntry("url.path", "/fetch/bob");
    }

    @Test
    void aRunnableErrorMarksItsSpansWithItsMessage() {
        HttpResponse<String> teapot = TestServers.send(server, "POST", "/fail", "error 418 short and stout");
        assertThat(teapot.statusCode()).isEqualTo(418);
        Received handler = serverSpan("POST /fail", s -> "short and stout".equals(s.statusMessage()));
        List<Received> trace = receiver.awaitTrace(handler.traceId(), 3);
        Received step = only(trace, s -> s.name().equals("step abi-b-rust"));
        Received invocation = only(trace, s -> s.name().equals("invoke abi-b-rust"));
        assertThat(step.failed()).isTrue();
        assertThat(step.statusMessage()).isEqualTo("short and stout");
        assertThat(step.attributes()).containsEntry("atmo.error.code", 418L);
        assertThat(invocation.failed()).isTrue();
        assertThat(invocation.statusMessage()).isEqualTo("short and stout");
        assertThat(invocation.attributes()).containsEntry("atmo.invocation.outcome", "error");
        // a 4xx is the client's doing, not the server's: the handler's span is not failed
        assertThat(handler.failed()).isFalse();
        assertThat(handler.attributes()).containsEntry("http.response.status_code", 418L);

        assertThat(TestServers.send(server, "POST", "/fail", "error 503 gone fishing").statusCode()).isEqualTo(503);
        Received unavailable = serverSpan("POST /fail", s -> "gone fishing".equals(s.statusMessage()));
        assertThat(unavailable.failed()).isTrue();
        assertThat(unavailable.statusMessage()).isEqualTo("HTTP 503");
    }

    @Test
    void aTrapMarksTheInvocationWithTheEngineMessage() {
        assertThat(TestServers.send(server, "POST", "/fail", "trap").statusCode()).isEqualTo(500);
        Received invocation = receiver.await(spans -> spans.stream().anyMatch(s -> s.name().equals("invoke abi-b-rust")
                && "trap".equals(s.attribute("atmo.invocation.outcome")))).stream()
                .filter(s -> "trap".equals(s.attribute("atmo.invocation.outcome"))).findFirst().orElseThrow();
        assertThat(invocation.failed()).isTrue();
        assertThat(invocation.statusMessage()).startsWith("wasm execution error: failed to wasmFunc: ");
    }

    @Test
    void groupMembersAndForEachElementsHaveSpansOfTheirOwn() {
        assertThat(TestServers.send(example, "POST", "/group", "main.md").statusCode()).isEqualTo(200);
        Received groupHandler = serverSpan("POST /group", s -> s.name().equals("group"));
        List<Received> groupTrace = receiver.awaitTrace(groupHandler.traceId(), 8);
        Received group = only(groupTrace, s -> s.name().equals("group"));
        assertThat(group.childOf(groupHandler)).isTrue();
        assertThat(group.attributes()).containsEntry("atmo.step.members", 2L);
        Received hello = only(groupTrace, s -> s.name().equals("step helloworld-rs"));
        Received file = only(groupTrace, s -> s.name().equals("step get-file"));
        assertThat(hello.childOf(group)).isTrue();
        assertThat(file.childOf(group)).isTrue();
        assertThat(List.of(hello.attribute("atmo.step.index"), file.attribute("atmo.step.index")))
                .containsExactly(0L, 1L);
        assertThat(only(groupTrace, s -> s.name().equals("invoke get-file")).childOf(file)).isTrue();

        String people = "[{\"name\":\"Connor\"},{\"name\":\"Jimmy\"},{\"name\":\"Bob\"}]";
        assertThat(TestServers.send(example, "POST", "/foreach", people).statusCode()).isEqualTo(200);
        Received forEachHandler = serverSpan("POST /foreach", s -> s.name().equals("forEach run-each"));
        List<Received> forEachTrace = receiver.awaitTrace(forEachHandler.traceId(), 10);
        Received forEach = only(forEachTrace, s -> s.name().equals("forEach run-each"));
        assertThat(forEach.childOf(forEachHandler)).isTrue();
        assertThat(forEach.attributes()).containsEntry("atmo.step.members", 3L);
        List<Received> elements = forEachTrace.stream().filter(s -> s.name().equals("step run-each")).toList();
        assertThat(elements).hasSize(3).allMatch(e -> e.childOf(forEach));
        assertThat(elements).extracting(e -> e.attribute("atmo.step.index")).containsExactlyInAnyOrder(0L, 1L, 2L);
        assertThat(forEachTrace.stream().filter(s -> s.name().equals("invoke run-each")))
                .hasSize(3).allMatch(i -> elements.stream().anyMatch(i::childOf));
    }

    @Test
    void aRequestAnsweredOnTheEventLoopIsTracedToo() {
        double before = TestServers.metric(example, "atmo_http_quick_total", "route=\"/hello\"");
        assertThat(TestServers.send(example, "POST", "/hello", "world").body()).isEqualTo("hello world");
        assertThat(TestServers.metric(example, "atmo_http_quick_total", "route=\"/hello\"")).isEqualTo(before + 1);
        Received handler = serverSpan("POST /hello", s -> Boolean.TRUE.equals(s.attribute("atmo.invocation.quick")));
        List<Received> trace = receiver.awaitTrace(handler.traceId(), 3);
        Received step = only(trace, s -> s.name().equals("step helloworld-rs"));
        assertThat(step.childOf(handler)).isTrue();
        assertThat(only(trace, s -> s.name().equals("invoke helloworld-rs")).childOf(step)).isTrue();
    }

    @Test
    void eachWebsocketMessageContinuesTheTraceOfTheUpgrade() throws Exception {
        String traceId = "6e0c63257de34c92bf9efcd03927272e";
        String upgrade = "9f4b0a7e8c2d1b3a";
        LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
        WebSocket socket = TestServers.CLIENT.newWebSocketBuilder()
                .header("traceparent", "00-" + traceId + "-" + upgrade + "-01")
                .buildAsync(URI.create("ws://127.0.0.1:" + example.port() + "/stream"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        replies.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            for (String message : List.of("one", "two")) {
                socket.sendText(message, true).get(10, TimeUnit.SECONDS);
                assertThat(replies.poll(20, TimeUnit.SECONDS)).isEqualTo("hello " + message);
            }
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
        List<Received> trace = receiver.awaitTrace(traceId, 6);
        List<Received> messages = trace.stream().filter(s -> s.name().equals("STREAM /stream")).toList();
        assertThat(messages).hasSize(2).allMatch(m -> m.parentSpanId().equals(upgrade)
                && m.kind().equals("SPAN_KIND_SERVER"));
        assertThat(trace.stream().filter(s -> s.name().startsWith("step ")))
                .hasSize(2).allMatch(step -> messages.stream().anyMatch(step::childOf));
    }

    @Test
    void eachRunOfAScheduleIsTheRootOfATraceOfItsSteps() {
        try (AtmoServer scheduling = AtmoServer.start(TestServers.options("testdata/bundles/example-project")
                .tracing(receiver.settings("atmo-schedules")).build())) {
            Received run = serverSpan("schedule ticker", s -> s.name().equals("invoke tick"));
            assertThat(run.parentSpanId()).isEmpty();
            assertThat(run.attributes()).containsEntry("atmo.schedule", "ticker").containsKey("atmo.request_id");
            List<Received> trace = receiver.awaitTrace(run.traceId(), 3);
            Received step = only(trace, s -> s.name().equals("step tick"));
            assertThat(step.childOf(run)).isTrue();
            assertThat(only(trace, s -> s.name().equals("invoke tick")).childOf(step)).isTrue();
        }
    }

    @Test
    void requestHistogramsCarryTraceIdsAsExemplars() {
        // a status no other request gets: the first observation of a histogram always becomes its exemplar
        assertThat(TestServers.send(server, "POST", "/fail", "error 402 exemplar").statusCode()).isEqualTo(402);
        Received handler = serverSpan("POST /fail", s -> "exemplar".equals(s.statusMessage()));
        String openMetrics = server.metrics().scrape("application/openmetrics-text");
        assertThat(openMetrics.lines().filter(line -> line.startsWith("atmo_http_requests_seconds_bucket{")
                && line.contains("route=\"/fail\"") && line.contains("status=\"402\"")))
                .anyMatch(line -> line.contains("trace_id=\"" + handler.traceId() + "\""));
        assertThat(server.metrics().scrape()).doesNotContain(handler.traceId());
    }
}
