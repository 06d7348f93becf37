package dev.atmo.capability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 that records every request (method, path with query, headers, body).
 * {@code /ok} answers 200 {@code ok}; {@code /nope} 404 {@code nope}; {@code /redirect?status=302&to=URL}
 * redirects; {@code /sleep} answers only when {@link #close()} is called; {@code /stall} sends the headers and
 * one byte of a ten-byte body, then nothing until close; {@code /large?bytes=N} sends N bytes of {@code x}.
 * Further paths can be added with {@link #handle}.
 */
final class LoopbackHttp implements AutoCloseable {
    private static final String BODY = "loopback.body";
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    /** One request as the server saw it; header names are lower-cased, values in arrival order. */
    record Received(String method, String target, Map<String, List<String>> headers, byte[] body) {
        Optional<String> header(String name) {
            List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
            return values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
        }

        List<String> values(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private LoopbackHttp(HttpServer server) {
        this.server = server;
    }

    static LoopbackHttp start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LoopbackHttp loopback = new LoopbackHttp(server);
            server.setExecutor(loopback.executor);
            loopback.handle("/ok", ex -> answer(ex, 200, "ok"));
            loopback.handle("/nope", ex -> answer(ex, 404, "nope"));
            loopback.handle("/redirect", LoopbackHttp::redirect);
            loopback.handle("/sleep", ex -> {
                loopback.awaitClose();
                answer(ex, 200, "late");
            });
            loopback.handle("/stall", ex -> {
                ex.sendResponseHeaders(200, 10);
                OutputStream out = ex.getResponseBody();
                out.write('x');
                out.flush();
                loopback.awaitClose();
                ex.close();
            });
            loopback.handle("/large", ex -> {
                byte[] body = new byte[Integer.parseInt(query(ex, "bytes"))];
                Arrays.fill(body, (byte) 'x');
                answer(ex, 200, body);
            });
            server.start();
            return loopback;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves {@code path} (and everything below it) with {@code handler}; the request is recorded first. */
    void handle(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            record(exchange);
            handler.handle(exchange);
        });
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}. */
    String base() {
        return "http://127.0.0.1:" + port();
    }

    /** {@code 127.0.0.1:<port>}, the key of this server in {@code authentication.domains}. */
    String hostAndPort() {
        return "127.0.0.1:" + port();
    }

    /** A loopback URL nothing listens on. */
    static String closedBase() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received last() {
        if (received.isEmpty()) {
            throw new AssertionError("the server received no request");
        }
        return received.getLast();
    }

    void reset() {
        received.clear();
    }

    static void answer(HttpExchange exchange, int status, String text) throws IOException {
        answer(exchange, status, text.getBytes(StandardCharsets.UTF_8));
    }

    static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean noBody = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    static String query(HttpExchange exchange, String name) {
        String raw = exchange.getRequestURI().getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException("missing query parameter " + name);
    }

    private static void redirect(HttpExchange exchange) throws IOException {
        String raw = exchange.getRequestURI().getRawQuery();
        int status = raw != null && raw.contains("status=") ? Integer.parseInt(query(exchange, "status")) : 302;
        exchange.getResponseHeaders().add("Location", query(exchange, "to"));
        answer(exchange, status, "");
    }

    private void record(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        byte[] body = exchange.getRequestBody().readAllBytes();
        exchange.setAttribute(BODY, body);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
    }

    /** The body of a request, which was read when it was recorded. */
    static byte[] body(HttpExchange exchange) {
        return (byte[]) exchange.getAttribute(BODY);
    }

    private void awaitClose() {
        try {
            closing.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
