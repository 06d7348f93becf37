package dev.atmo.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpServerTest {

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static HttpServer server(int port) {
        Router<RouteHandler> routes = Router.<RouteHandler>builder()
                .add("POST", "/hello", job -> new Response(200, Map.of(), ("hello " + new String(job.body())).getBytes()))
                .build();
        return HttpServer.builder().host("127.0.0.1").port(port).router(() -> routes).build();
    }

    @Test
    void aPreparedServerDoesNotListenUntilItStarts() throws Exception {
        int port = freePort();
        try (HttpServer server = server(port).prepare()) {
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
            server.start();
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
                            .POST(HttpRequest.BodyPublishers.ofString("world")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello world");
        }
    }

    @Test
    void aPreparedServerClosedBeforeStartingNeverListens() throws Exception {
        int port = freePort();
        server(port).prepare().close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }
}
