package dev.atmo.server;

import dev.atmo.testing.RepositoryRoot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Starts test servers on free loopback ports and talks to them over real HTTP. */
final class TestServers {
    static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private TestServers() {
    }

    static ServerOptions.Builder options(String relativeBundle) {
        return ServerOptions.builder().bundle(RepositoryRoot.resolve(relativeBundle)).host("127.0.0.1").port(0);
    }

    /**
     * Writes a bundle into {@code dir}: the hello example's Runnable behind one route, {@code POST resource}.
     *
     * @return {@code dir}
     */
    static Path helloBundle(Path dir, String identifier, String resource) throws Exception {
        return helloBundle(dir, identifier, resource, "");
    }

    /** As {@link #helloBundle(Path, String, String)}, with more top-level keys of the Directive in {@code more}. */
    static Path helloBundle(Path dir, String identifier, String resource, String more) throws Exception {
        Files.copy(RepositoryRoot.resolve("examples/hello/hello/hello.wasm"), dir.resolve("hello.wasm"));
        Files.writeString(dir.resolve("Directive.yaml"), """
                identifier: "%s"
                appVersion: v0.1.0
                atmoVersion: v0.3.0
                runnables:
                  - name: hello
                    namespace: default
                handlers:
                  - type: request
                    method: POST
                    resource: "%s"
                    steps:
                      - fn: hello
                """.formatted(identifier, resource) + more);
        return dir;
    }

    static HttpResponse<String> send(AtmoServer server, String method, String path, String body) {
        return send(server, method, path, body, Map.of());
    }

    static HttpResponse<String> send(AtmoServer server, String method, String path, String body,
                                     Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request " + method + " " + path + " failed: " + e, e);
        }
    }

    /**
     * The value of one metric from the server's Prometheus text: the first sample named {@code name} whose labels
     * contain {@code labels}; 0 when there is none yet (counters appear with their first increment).
     */
    static double metric(AtmoServer server, String name, String labels) {
        return server.metrics().scrape().lines()
                .filter(line -> line.startsWith(name + "{") && line.contains(labels))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }
}
