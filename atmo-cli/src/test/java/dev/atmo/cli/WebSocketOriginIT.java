package dev.atmo.cli;

import static dev.atmo.cli.AtmoJarIT.atmo;
import static dev.atmo.cli.AtmoJarIT.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A websocket refused for its Origin is logged with the origin and the setting to change, not only answered 403. */
class WebSocketOriginIT {

    @Test
    void aRefusedOriginIsLoggedWithTheSettingToChange() throws Exception {
        Path bundle = Files.createTempDirectory("atmo-ws-bundle");
        Files.copy(AtmoJarIT.ROOT.resolve("testdata/runnables/wasm/echo-wat.wasm"), bundle.resolve("echo.wasm"));
        Files.writeString(bundle.resolve("Directive.yaml"), """
                identifier: com.example.ws
                appVersion: v0.1.0
                atmoVersion: v0.5.0
                runnables:
                  - name: echo
                    namespace: default
                handlers:
                  - type: stream
                    resource: /chat
                    allowedOrigins: https://app.example.com
                    steps:
                      - fn: echo
                """);
        int port = freePort();
        Path log = Files.createTempFile("atmo-ws", ".log");
        Process process = atmo("start", "--host", "127.0.0.1", "--port", String.valueOf(port), bundle.toString())
                .redirectOutput(log.toFile()).start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("serving on"));
            HttpClient client = HttpClient.newHttpClient();
            CompletionException refused = catchThrowableOfType(CompletionException.class, () -> client
                    .newWebSocketBuilder().header("Origin", "http://localhost:5173")
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/chat"), new WebSocket.Listener() { })
                    .join());
            assertThat(refused.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode()).isEqualTo(403);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("refused"));
            assertThat(Files.readString(log)).contains("websocket upgrade to /chat refused with 403: Origin"
                    + " http://localhost:5173 does not name the same host and port as Host 127.0.0.1:" + port
                    + " and is not in the handler's allowedOrigins; add \"http://localhost:5173\" to allowedOrigins"
                    + " to allow it");
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
