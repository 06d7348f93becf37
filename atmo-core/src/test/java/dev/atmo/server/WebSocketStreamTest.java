package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebSocketStreamTest {
    private static AtmoServer server;

    @BeforeAll
    static void start() {
        server = AtmoServer.start(TestServers.options("testdata/bundles/example-project").runSchedules(false).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A websocket client that queues every text message and the close code. */
    static final class Client implements WebSocket.Listener {
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Client connect(String path) throws Exception {
            return connect(path, null);
        }

        static Client connect(String path, String origin) throws Exception {
            Client client = new Client();
            WebSocket.Builder builder = TestServers.CLIENT.newWebSocketBuilder();
            if (origin != null) {
                builder.header("Origin", origin);
            }
            client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + path), client)
                    .get(10, TimeUnit.SECONDS);
            return client;
        }

        String next() throws InterruptedException {
            String message = messages.poll(20, TimeUnit.SECONDS);
            assertThat(message).as("a message arrived").isNotNull();
            return message;
        }

        String send(String text) throws Exception {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
            return next();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }

    @Test
    void eachMessageRunsTheStepsAndTheReplyComesBack() throws Exception {
        Client client = Client.connect("/stream");
        assertThat(client.send("again")).isEqualTo("hello again");
    }

    @Test
    void aRunnableErrorIsOneFrameAndTheConnectionStaysOpen() throws Exception {
        Client client = Client.connect("/stream/fail");
        assertThat(client.send("418 teapot")).isEqualTo("{\"status\":418,\"message\":\"teapot\"}");
        // the next frame is the next message's answer, not a second frame about the first error
        assertThat(client.send("700 odd")).isEqualTo("{\"status\":500,\"message\":\"odd\"}");
    }

    @Test
    void manyMessagesAreAnsweredInOrder() throws Exception {
        Client client = Client.connect("/stream");
        for (int i = 0; i < 200; i++) {
            client.socket.sendText("m" + i, true).get(10, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 200; i++) {
            assertThat(client.next()).isEqualTo("hello m" + i);
        }
    }

    @Test
    void manyConnectionsAtOnce() throws Exception {
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            clients.add(Client.connect("/stream"));
        }
        for (int i = 0; i < clients.size(); i++) {
            clients.get(i).socket.sendText("c" + i, true);
        }
        for (int i = 0; i < clients.size(); i++) {
            assertThat(clients.get(i).next()).isEqualTo("hello c" + i);
        }
    }

    @Test
    void anOversizedMessageClosesTheConnectionWith1009() throws Exception {
        Client client = Client.connect("/stream");
        client.socket.sendText("x".repeat(70 * 1024), true);
        assertThat(client.closed.get(20, TimeUnit.SECONDS)).isEqualTo(1009);
    }

    @Test
    void aForeignOriginIsRefusedUnlessAllowed() throws Exception {
        assertThatThrownBy(() -> Client.connect("/stream", "https://evil.example.org"))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(403));
        Client allowed = Client.connect("/stream/open", "https://app.example.com");
        assertThat(allowed.send("shout")).isEqualTo("SHOUT");
        Client sameHost = Client.connect("/stream", "http://127.0.0.1:" + server.port());
        assertThat(sameHost.send("me")).isEqualTo("hello me");
    }

}
