package dev.atmo.wasm.abi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP and GraphQL server on 127.0.0.1 for the outbound capabilities. {@code /echo} answers one line naming the
 * method, path, {@code content-type} and {@code x-*} headers and body it received; {@code /missing} answers 404
 * {@code nope}; {@code /redirect} sends the client to {@code /echo?from=redirect}; {@code /graphql} answers fixed
 * JSON (an error when the query mentions {@code fail}); {@code /graphql-down} answers 503 {@code unavailable}.
 */
final class LoopbackServer implements AutoCloseable {
    static final String REPOSITORY_JSON =
            "{\"data\":{\"repository\":{\"nameWithOwner\":\"suborbital/reactr\",\"name\":\"reactr\"}}}";
    static final String GRAPHQL_ERROR_JSON =
            "{\"data\":null,\"errors\":[{\"message\":\"field not found\",\"path\":\"repository\"}]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> graphqlQueries = new CopyOnWriteArrayList<>();

    private LoopbackServer(HttpServer server) {
        this.server = server;
    }

    static LoopbackServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LoopbackServer loopback = new LoopbackServer(server);
            server.createContext("/echo", loopback::echo);
            server.createContext("/missing", ex -> loopback.answer(ex, 404, "nope"));
            server.createContext("/redirect", loopback::redirect);
            server.createContext("/graphql", loopback::graphql);
            server.createContext("/graphql-down", ex -> loopback.answer(ex, 503, "unavailable"));
            server.start();
            return loopback;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL, {@code http://127.0.0.1:<port>}. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A loopback URL nothing listens on, for transport errors. */
    static String closedBase() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every request received since the last {@link #reset()}, as {@code METHOD /path?query}. */
    List<String> received() {
        return List.copyOf(received);
    }

    /** The {@code query} of every GraphQL request received since the last {@link #reset()}. */
    List<String> graphqlQueries() {
        return List.copyOf(graphqlQueries);
    }

    void reset() {
        received.clear();
        graphqlQueries.clear();
    }

    private void echo(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        StringBuilder line = new StringBuilder(exchange.getRequestMethod()).append(' ')
                .append(exchange.getRequestURI());
        Map<String, String> shown = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("content-type") || lower.startsWith("x-")) {
                shown.put(lower, String.join(",", values));
            }
        });
        shown.forEach((name, value) -> line.append(' ').append(name).append('=').append(value));
        line.append(" body=").append(new String(body, StandardCharsets.UTF_8));
        answer(exchange, 200, line.toString());
    }

    private void redirect(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Location", "/echo?from=redirect");
        answer(exchange, 302, "");
    }

    private void graphql(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!exchange.getRequestMethod().equals("POST") || !"application/json".equals(contentType)) {
            answer(exchange, 400, "expected a JSON POST");
            return;
        }
        JsonNode query = JSON.readTree(body).path("query");
        graphqlQueries.add(query.asText());
        answer(exchange, 200, query.asText().contains("fail") ? GRAPHQL_ERROR_JSON : REPOSITORY_JSON);
    }

    private void answer(HttpExchange exchange, int status, String text) throws IOException {
        received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        boolean noBody = bytes.length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        if (!noBody) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
