package dev.atmo.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Slow headers, idle keep-alive connections and too many connections, against a server on a real port. */
class ConnectionLimitsTest {
    private static final String HELLO = "POST /hello HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nworld";

    private static HttpServer server(ConnectionLimits limits) {
        Router<RouteHandler> routes = Router.<RouteHandler>builder()
                .add("POST", "/hello", job -> new Response(200, Map.of(),
                        ("hello " + new String(job.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)))
                .build();
        return HttpServer.builder().host("127.0.0.1").port(0).router(() -> routes).connections(limits).build().start();
    }

    @Test
    void aRequestHeadThatNeverEndsIsClosedAtTheHeaderTimeout() throws Exception {
        try (HttpServer server = server(ConnectionLimits.defaults().withHeaderTimeout(Duration.ofMillis(300)));
             RawConnection slow = new RawConnection(server.port())) {
            slow.send("POST /hello HTTP/1.1\r\nHost: localhost\r\n");
            assertThat(slow.closedByServer()).isTrue();
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAtTheHeaderTimeout() throws Exception {
        try (HttpServer server = server(ConnectionLimits.defaults().withHeaderTimeout(Duration.ofMillis(300)));
             RawConnection silent = new RawConnection(server.port())) {
            assertThat(silent.closedByServer()).isTrue();
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAtTheIdleTimeoutAfterItsAnswer() throws Exception {
        try (HttpServer server = server(ConnectionLimits.defaults().withIdleTimeout(Duration.ofMillis(300)));
             RawConnection idle = new RawConnection(server.port())) {
            assertThat(idle.send(HELLO).answer().body()).isEqualTo("hello world");
            assertThat(idle.send(HELLO).answer().body()).isEqualTo("hello world");
            assertThat(idle.closedByServer()).isTrue();
        }
    }

    @Test
    void aConnectionServingRequestsBackToBackKeepsItsIdleTimeoutAfterTheLast() throws Exception {
        ConnectionLimits limits = ConnectionLimits.defaults().withHeaderTimeout(Duration.ofMillis(300))
                .withIdleTimeout(Duration.ofMillis(1200));
        try (HttpServer server = server(limits); RawConnection busy = new RawConnection(server.port())) {
            // longer than several header timeouts in all, each request head complete at once
            for (int i = 0; i < 15; i++) {
                assertThat(busy.send(HELLO).answer().body()).isEqualTo("hello world");
                Thread.sleep(80);
            }
            long lastAnswer = System.nanoTime();
            Thread.sleep(600);
            // past the header timeout but inside the idle timeout: still open
            assertThat(busy.send(HELLO).answer().body()).isEqualTo("hello world");
            long answered = System.nanoTime();
            assertThat(busy.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - answered)).isGreaterThanOrEqualTo(Duration.ofMillis(1100));
            assertThat(Duration.ofNanos(answered - lastAnswer)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        }
    }

    @Test
    void aRequestBeingServedIsNotCutByTheTimeouts() throws Exception {
        Router<RouteHandler> routes = Router.<RouteHandler>builder()
                .add("GET", "/slow", job -> {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new Response(200, Map.of(), "done".getBytes(StandardCharsets.UTF_8));
                }).build();
        ConnectionLimits limits = ConnectionLimits.defaults().withHeaderTimeout(Duration.ofMillis(200))
                .withIdleTimeout(Duration.ofMillis(200));
        try (HttpServer server = HttpServer.builder().host("127.0.0.1").port(0).router(() -> routes)
                .connections(limits).build().start();
             RawConnection connection = new RawConnection(server.port())) {
            RawConnection.Answer answer = connection.send("GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n").answer();
            assertThat(answer.body()).isEqualTo("done");
        }
    }

    @Test
    void connectionsPastTheLimitGetA503AndTheServerKeepsServing() throws Exception {
        try (HttpServer server = server(ConnectionLimits.defaults().withMaxConnections(2));
             RawConnection first = new RawConnection(server.port());
             RawConnection second = new RawConnection(server.port())) {
            assertThat(first.send(HELLO).answer().body()).isEqualTo("hello world");
            assertThat(second.send(HELLO).answer().body()).isEqualTo("hello world");
            try (RawConnection third = new RawConnection(server.port())) {
                RawConnection.Answer refused = third.answer();
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.headers()).containsEntry("content-type", "application/json")
                        .containsEntry("connection", "close");
                assertThat(refused.body()).isEqualTo("{\"status\":503,\"message\":\"too many connections: the "
                        + "server's limit of 2 open connections is reached, try again later\"}");
                assertThat(third.closedByServer()).isTrue();
            }
            assertThat(first.send(HELLO).answer().body()).isEqualTo("hello world");
            first.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 1);
            try (RawConnection fourth = new RawConnection(server.port())) {
                assertThat(fourth.send(HELLO).answer().body()).isEqualTo("hello world");
            }
        }
    }
}
