package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests a client pipelines on one connection are answered in the order they were sent. */
class PipeliningTest {
    private static AtmoServer server;

    @BeforeAll
    static void start() {
        server = AtmoServer.start(TestServers.options("testdata/bundles/example-project").runSchedules(false).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aQuickRequestBehindASlowOneIsAnsweredAfterIt() throws IOException {
        List<String> bodies = exchange(post("/slow", "300") + post("/hello", "second") + post("/file/main.md", "")
                + post("/hello", "fourth"), 4);
        assertThat(bodies.get(0)).isEqualTo("slept 300");
        assertThat(bodies.get(1)).isEqualTo("hello second");
        assertThat(bodies.get(2)).isEqualTo("Method Not Allowed\n");
        assertThat(bodies.get(3)).isEqualTo("hello fourth");
    }

    @Test
    void manyPipelinedRequestsKeepTheirOrder() throws IOException {
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            requests.append(i % 5 == 0 ? post("/slow", "20") : post("/hello", "n" + i));
        }
        List<String> bodies = exchange(requests.toString(), 40);
        for (int i = 0; i < 40; i++) {
            assertThat(bodies.get(i)).isEqualTo(i % 5 == 0 ? "slept 20" : "hello n" + i);
        }
    }

    private static String post(String path, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    /** Sends everything at once, then reads {@code count} responses and returns their bodies in order. */
    private static List<String> exchange(String requests, int count) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int length = -1;
                String line;
                while (!(line = readLine(in)).isEmpty()) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                assertThat(length).as("content-length of response " + i).isNotNegative();
                bodies.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
            }
            return bodies;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed mid-response");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
