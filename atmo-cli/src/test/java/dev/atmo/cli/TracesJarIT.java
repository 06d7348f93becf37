package dev.atmo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.atmo.testing.RepositoryRoot;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces from the built jar: {@code --otlp-endpoint} and the {@code OTEL_*} variables reach the SDK, the spans
 * still waiting in a batch are sent when the server stops, a wrong endpoint is refused before anything starts,
 * and with traces off no OpenTelemetry class is even loaded.
 */
class TracesJarIT {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static List<String> start(int port, String... extra) {
        List<String> args = new ArrayList<>(List.of("start", "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--no-run-schedules"));
        args.addAll(List.of(extra));
        args.add("testdata/bundles/example-project");
        return args;
    }

    private static HttpResponse<String> hello(int port) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
                .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString("jar")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void spansGoToTheFlagsEndpointUnderTheEnvironmentsServiceNameAndTheLastAreSentOnStop(@TempDir Path dir)
            throws Exception {
        List<byte[]> exports = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            try (exchange) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                exchange.getRequestBody().transferTo(body);
                exports.add(body.toByteArray());
                exchange.sendResponseHeaders(200, -1);
            }
        });
        collector.start();
        try {
            int port = AtmoJarIT.freePort();
            ProcessBuilder command = AtmoJarIT.atmo(start(port, "--otlp-endpoint",
                    "http://127.0.0.1:" + collector.getAddress().getPort()).toArray(String[]::new));
            command.environment().put("OTEL_SERVICE_NAME", "atmo-jar-test");
            // a batch would wait ten minutes: only the stop sends it
            command.environment().put("OTEL_BSP_SCHEDULE_DELAY", "600000");
            Path log = dir.resolve("atmo.log");
            Process process = OperationsJarIT.startAndWait(command, log);
            try {
                assertThat(hello(port).body()).isEqualTo("hello jar");
            } finally {
                process.destroy();
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("atmo stopped").isTrue();
            }
            assertThat(Files.readString(log)).contains("traces are exported over OTLP to http://127.0.0.1:"
                    + collector.getAddress().getPort());

            // the OTLP protobuf carries names as UTF-8 and ids as raw bytes
            assertThat(exports).as("exports received").anySatisfy(export -> {
                assertThat(contains(export, "atmo-jar-test".getBytes(StandardCharsets.UTF_8))).isTrue();
                assertThat(contains(export, "POST /hello".getBytes(StandardCharsets.UTF_8))).isTrue();
                assertThat(contains(export, "invoke helloworld-rs".getBytes(StandardCharsets.UTF_8))).isTrue();
                assertThat(contains(export, HexFormat.of().parseHex(TRACE_ID))).isTrue();
            });
        } finally {
            collector.stop(0);
        }
    }

    @Test
    void anEndpointThatIsNotAnHttpUrlIsRefusedBeforeStarting() throws Exception {
        Process process = AtmoJarIT.atmo(start(AtmoJarIT.freePort(), "--otlp-endpoint", "127.0.0.1:4318")
                .toArray(String[]::new)).start();
        String output = AtmoJarIT.run(process);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("atmo: --otlp-endpoint (env ATMO_OTLP_ENDPOINT): the OTLP endpoint 127.0.0.1:4318"
                + " is not an http:// or https:// URL; give the collector's base URL, such as http://127.0.0.1:4318");
    }

    @Test
    void withTracesOffNoOpenTelemetryClassIsLoaded(@TempDir Path dir) throws Exception {
        int port = AtmoJarIT.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xlog:class+load=info", "-jar", System.getProperty("atmo.jar")));
        command.addAll(start(port));
        ProcessBuilder builder = new ProcessBuilder(command).directory(RepositoryRoot.path().toFile())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("OTEL_") || name.equals("ATMO_OTLP_ENDPOINT"));
        Path log = dir.resolve("atmo.log");
        Process process = OperationsJarIT.startAndWait(builder, log);
        try {
            assertThat(hello(port).statusCode()).isEqualTo(200);
        } finally {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("atmo stopped").isTrue();
        }
        List<String> loaded = Files.readAllLines(log).stream().filter(line -> line.contains("io.opentelemetry"))
                .toList();
        assertThat(loaded).isEmpty();
        assertThat(Files.readString(log)).contains("dev.atmo.trace.Off");
    }
}
