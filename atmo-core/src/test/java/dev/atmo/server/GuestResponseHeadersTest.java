package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Response headers a Runnable sets that HTTP cannot carry are left out, and the framing headers are the
 * server's: the answer is still sent, and requests pipelined behind it are still answered.
 */
class GuestResponseHeadersTest {
    @TempDir
    static Path dir;
    private static AtmoServer server;

    @BeforeAll
    static void start() {
        server = AtmoServer.start(ExerciserBundle.options(dir.resolve("bundle")).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String exercise(String commands) {
        byte[] body = commands.getBytes(StandardCharsets.UTF_8);
        return "POST /exercise HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length + "\r\n\r\n" + commands;
    }

    /** Sends the requests at once and returns the raw text of the first {@code count} answers. */
    private static List<String> answers(String requests, int count) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                StringBuilder head = new StringBuilder();
                while (head.indexOf("\r\n\r\n") < 0) {
                    int b = in.read();
                    if (b < 0) {
                        throw new IOException("connection closed after " + i + " answers");
                    }
                    head.append((char) b);
                }
                int at = head.toString().toLowerCase().indexOf("content-length: ");
                int length = Integer.parseInt(head.substring(at + 16, head.indexOf("\r\n", at)));
                answers.add(head + new String(in.readNBytes(length), StandardCharsets.UTF_8));
            }
            return answers;
        }
    }

    @Test
    void headersWithControlCharactersOrBadNamesAreLeftOutAndTheAnswerGoesOut() throws IOException {
        List<String> answers = answers(exercise("header X-Ok fine\nheader X-Ctl a\u0001b\nheader X-Nul a\u0000b\n"
                + "header Bad:Name v\nheader Bad\u007fName v\necho done") + exercise("echo next"), 2);
        assertThat(answers.get(0)).isEqualTo("HTTP/1.1 200 OK\r\nX-Ok: fine\r\n"
                + "Content-Type: application/octet-stream\r\ncontent-length: 19\r\n\r\nok\nok\nok\nok\nok\ndone");
        assertThat(answers.get(1)).endsWith("\r\n\r\nnext");
    }

    @Test
    void framingAndHopByHopHeadersAreTheServersOwn() throws IOException {
        List<String> answers = answers(exercise("header Transfer-Encoding chunked\nheader Content-Length 5000\n"
                + "header Connection close\nheader Upgrade h2c\necho done") + exercise("echo next"), 2);
        assertThat(answers.get(0)).isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                + "content-length: 16\r\n\r\nok\nok\nok\nok\ndone");
        assertThat(answers.get(1)).endsWith("\r\n\r\nnext");
    }
}
