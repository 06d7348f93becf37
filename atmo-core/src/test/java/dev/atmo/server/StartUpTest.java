package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.atmo.AtmoException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP server is set up while the bundle loads, but listens only once every Runnable is ready. */
class StartUpTest {

    /** A port nothing listens on: free a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aBundleWhoseModuleFailsToLoadNeverOpensThePort(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hello.wasm"), "not WebAssembly");
        Files.writeString(dir.resolve("Directive.yaml"), """
                identifier: com.example.broken
                appVersion: v0.1.0
                atmoVersion: v0.3.0
                runnables:
                  - name: hello
                    namespace: default
                handlers:
                  - type: request
                    method: POST
                    resource: /hello
                    steps:
                      - fn: hello
                """);
        int port = freePort();
        assertThatThrownBy(() -> AtmoServer.start(ServerOptions.builder().bundle(dir).host("127.0.0.1").port(port)
                .build()))
                .isInstanceOf(AtmoException.class)
                .hasMessageContaining("Runnable hello: hello.wasm is not a WebAssembly module (it does not start with"
                        + " \\0asm); build the Runnable for wasm32 and bundle the .wasm file");
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("atmo-http-setup")));
    }

    @Test
    void aStartedServerAnswersItsFirstRequestFromTheLoadedRunnable() {
        try (AtmoServer server = AtmoServer.start(TestServers.options("examples/hello").build())) {
            var response = TestServers.send(server, "POST", "/hello", "first");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello first");
        }
    }
}
