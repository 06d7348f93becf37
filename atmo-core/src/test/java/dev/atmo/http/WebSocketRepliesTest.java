package dev.atmo.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A websocket reply goes out as a text frame only when it is UTF-8, as text frames must be. */
class WebSocketRepliesTest {

    /** The opcode and payload of the first frame the server sends after the upgrade. */
    private record Frame(int opcode, byte[] payload) {
    }

    private static Frame reply(byte[] reply) throws Exception {
        Router<WebSocketEndpoint> sockets = Router.<WebSocketEndpoint>builder()
                .add("GET", "/ws", new WebSocketEndpoint(job -> new Response(200, Map.of(), reply), List.of()))
                .build();
        Router<RouteHandler> none = Router.<RouteHandler>builder().build();
        try (HttpServer server = HttpServer.builder().host("127.0.0.1").port(0).router(() -> none)
                .websockets(new WebSocketSettings(() -> sockets, WebSocketSettings.DEFAULT_MAX_FRAME_BYTES,
                        WebSocketSettings.DEFAULT_IDLE_TIMEOUT)).build().start();
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String head = "";
            while (!head.endsWith("\r\n\r\n")) {
                head += (char) in.readUnsignedByte();
            }
            assertThat(head).startsWith("HTTP/1.1 101");
            socket.getOutputStream().write(new byte[] {(byte) 0x81, (byte) 0x82, 0, 0, 0, 0, 'h', 'i'});
            int opcode = in.readUnsignedByte() & 0x0f;
            int length = in.readUnsignedByte() & 0x7f;
            byte[] payload = new byte[length];
            in.readFully(payload);
            return new Frame(opcode, payload);
        } catch (IOException e) {
            throw new AssertionError("websocket exchange failed: " + e, e);
        }
    }

    @Test
    void aUtf8ReplyIsATextFrame() throws Exception {
        Frame frame = reply("héllo".getBytes(StandardCharsets.UTF_8));
        assertThat(frame.opcode()).isEqualTo(0x1);
        assertThat(new String(frame.payload(), StandardCharsets.UTF_8)).isEqualTo("héllo");
    }

    @Test
    void aReplyThatIsNotUtf8IsABinaryFrame() throws Exception {
        byte[] bytes = {'a', (byte) 0xff, (byte) 0xc3, 'b'};
        Frame frame = reply(bytes);
        assertThat(frame.opcode()).isEqualTo(0x2);
        assertThat(frame.payload()).containsExactly(bytes);
    }
}
