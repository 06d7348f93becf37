import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Sends each argument after the URL as one websocket message and prints each reply on its own line. */
public class WebSocketSay {
    public static void main(String[] args) throws Exception {
        LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(args[0]), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            replies.add(text.toString());
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        for (int i = 1; i < args.length; i++) {
            socket.sendText(args[i], true).get(10, TimeUnit.SECONDS);
            String reply = replies.poll(20, TimeUnit.SECONDS);
            System.out.println(reply == null ? "<no reply>" : reply);
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }
}
