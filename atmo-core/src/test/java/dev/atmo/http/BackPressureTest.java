package dev.atmo.http;

import dev.atmo.request.JobRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A client that sends but never reads: the server stops reading it once its unsent answers reach the bound,
 * instead of answering everything into memory. Measured by how many requests the server takes on.
 */
class BackPressureTest {
    private static final int REQUESTS = 20_000;
    private static final byte[] REPLY = new byte[4096];

    static {
        Arrays.fill(REPLY, (byte) 'r');
    }

    /** Writes everything on a thread of its own; {@code done} tells whether the server read it all. */
    private static Thread writer(OutputStream out, byte[] one, int count, AtomicBoolean done) {
        return Thread.ofPlatform().daemon().start(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    out.write(one);
                }
                out.flush();
                done.set(true);
            } catch (IOException e) {
                // the test closes the connection while the writer is blocked
            }
        });
    }

    /** Waits until the count has not moved for a second: the server has taken all it is going to take. */
    private static long settled(AtomicLong count) {
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long now = count.get();
            boolean still = now == last[0];
            last[0] = now;
            return still;
        });
        return count.get();
    }

    @Test
    void aKeepAliveClientThatNeverReadsIsNotReadFromOnceItsAnswersPileUp() throws Exception {
        AtomicLong served = new AtomicLong();
        RouteHandler handler = new RouteHandler() {
            @Override
            public Response handle(JobRequest request) {
                served.incrementAndGet();
                return new Response(200, Map.of(), REPLY);
            }

            @Override
            public java.util.Optional<Response> tryQuick(JobRequest request) {
                return java.util.Optional.of(handle(request));
            }
        };
        Router<RouteHandler> routes = Router.<RouteHandler>builder().add("GET", "/big", handler).build();
        // each request is 1 KiB, so that what the client sends does not all fit in the sockets' buffers
        byte[] request = ("GET /big HTTP/1.1\r\nHost: localhost\r\nX-Pad: " + "p".repeat(980) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        AtomicBoolean allSent = new AtomicBoolean();
        try (HttpServer server = HttpServer.builder().host("127.0.0.1").port(0).router(() -> routes).build().start();
             RawConnection client = new RawConnection(server.port(), 4096)) {
            Thread writer = writer(client.output(), request, REQUESTS, allSent);
            long taken = settled(served);
            assertThat(allSent).as("the server read every request of a client that reads nothing").isFalse();
            // the answers the server took on fit in its pending-output bound plus the sockets' buffers
            assertThat(taken * REPLY.length).isLessThan(REQUESTS * (long) REPLY.length / 4);
            client.close();
            writer.join(10_000);
        }
    }

    @Test
    void aWebsocketClientThatNeverReadsIsNotReadFromOnceItsRepliesPileUp() throws Exception {
        AtomicLong served = new AtomicLong();
        Router<WebSocketEndpoint> sockets = Router.<WebSocketEndpoint>builder()
                .add("GET", "/ws", new WebSocketEndpoint(job -> {
                    served.incrementAndGet();
                    return new Response(200, Map.of(), REPLY);
                }, List.of()))
                .build();
        Router<RouteHandler> none = Router.<RouteHandler>builder().build();
        AtomicBoolean allSent = new AtomicBoolean();
        try (HttpServer server = HttpServer.builder().host("127.0.0.1").port(0).router(() -> none)
                .websockets(new WebSocketSettings(() -> sockets, WebSocketSettings.DEFAULT_MAX_FRAME_BYTES,
                        WebSocketSettings.DEFAULT_IDLE_TIMEOUT)).build().start();
             RawConnection client = new RawConnection(server.port(), 4096)) {
            RawConnection.Answer upgrade = client.send("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").answer();
            assertThat(upgrade.status()).isEqualTo(101);
            // masked 1 KiB text frames with an all-zero mask, so the payload goes as it is
            byte[] frame = new byte[8 + 1024];
            frame[0] = (byte) 0x81;
            frame[1] = (byte) (0x80 | 126);
            frame[2] = 1024 >> 8;
            frame[3] = 0;
            Arrays.fill(frame, 8, frame.length, (byte) 'm');
            Thread writer = writer(client.output(), frame, REQUESTS, allSent);
            long taken = settled(served);
            assertThat(allSent).as("the server read every message of a client that reads nothing").isFalse();
            assertThat(taken).isLessThan(REQUESTS);
            client.close();
            writer.join(10_000);
        }
    }
}
