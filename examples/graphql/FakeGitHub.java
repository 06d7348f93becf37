import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for GitHub's GraphQL API for the graphql example's smoke test, run with the JDK's single-file
 * launcher: {@code java FakeGitHub.java <port> <token>}. It listens on 127.0.0.1, answers {@code POST /graphql}
 * only when the request carries {@code Authorization: Bearer <token>}, and understands one query:
 * {@code { repository(owner: "...", name: "...") { name, nameWithOwner } }}.
 */
public class FakeGitHub {
    private static final Pattern REPOSITORY =
            Pattern.compile("repository\\(owner: \\\\\"([^\"\\\\]*)\\\\\", name: \\\\\"([^\"\\\\]*)\\\\\"\\)");

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        String expected = "Bearer " + args[1];
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/graphql", exchange -> answer(exchange, expected));
        server.start();
        System.out.println("listening on 127.0.0.1:" + port);
    }

    private static void answer(HttpExchange exchange, String expected) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        System.out.println(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " authorized="
                + expected.equals(authorization) + " body=" + body);
        if (!expected.equals(authorization)) {
            send(exchange, 401, "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/graphql\"}");
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")
                || !"application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            send(exchange, 400, "{\"message\":\"expected a JSON POST\"}");
            return;
        }
        Matcher query = REPOSITORY.matcher(body);
        if (!query.find()) {
            send(exchange, 200, "{\"errors\":[{\"message\":\"this stand-in only knows repository(owner, name)\","
                    + "\"path\":[\"query\"]}]}");
            return;
        }
        // the fields arrive in GitHub's order; Atmo hands them to the Runnable with sorted keys
        send(exchange, 200, "{\"data\":{\"repository\":{\"nameWithOwner\":\"" + query.group(1) + "/" + query.group(2)
                + "\",\"name\":\"" + query.group(2) + "\"}}}");
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
