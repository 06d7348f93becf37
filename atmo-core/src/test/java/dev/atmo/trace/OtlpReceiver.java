package dev.atmo.trace;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.awaitility.Awaitility;

/**
 * A real OTLP/HTTP receiver on 127.0.0.1: it takes what exporters POST to {@code /v1/traces}, decodes the protobuf
 * with the OpenTelemetry proto classes and keeps every span, with the service that sent it.
 */
public final class OtlpReceiver implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Received> spans = new CopyOnWriteArrayList<>();

    /**
     * One span as received.
     *
     * @param parentSpanId empty for a root span
     * @param kind         the proto's name of the kind, such as {@code SPAN_KIND_SERVER}
     * @param statusCode   the proto's name of the status code, such as {@code STATUS_CODE_ERROR}
     */
    public record Received(String service, String traceId, String spanId, String parentSpanId, String name,
                           String kind, Map<String, Object> attributes, String statusCode, String statusMessage) {
        public boolean failed() {
            return statusCode.equals("STATUS_CODE_ERROR");
        }

        public boolean childOf(Received parent) {
            return traceId.equals(parent.traceId) && parentSpanId.equals(parent.spanId);
        }

        public Object attribute(String key) {
            return attributes.get(key);
        }
    }

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    public static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.setExecutor(receiver.executor);
            server.createContext("/v1/traces", receiver::export);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL exporters are given; they post to its {@code /v1/traces}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Settings that export here with a short batching delay, under {@code service}. */
    public TraceSettings settings(String service) {
        return TraceSettings.otlp(endpoint()).withProperty("otel.bsp.schedule.delay", "20")
                .withProperty("otel.service.name", service);
    }

    public List<Received> spans() {
        return List.copyOf(spans);
    }

    /** Waits (up to 20 s: exporters send in batches) until the spans received so far satisfy {@code done}. */
    public List<Received> await(Predicate<List<Received>> done) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(this::spans, done);
    }

    /** Waits until the trace {@code traceId} has at least {@code count} spans, and returns them. */
    public List<Received> awaitTrace(String traceId, int count) {
        return await(all -> all.stream().filter(s -> s.traceId().equals(traceId)).count() >= count).stream()
                .filter(s -> s.traceId().equals(traceId)).toList();
    }

    private void export(HttpExchange exchange) throws IOException {
        try (exchange) {
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body.readAllBytes());
            for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
                String service = String.valueOf(attributes(resourceSpans.getResource()).get("service.name"));
                for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
                    for (Span span : scope.getSpansList()) {
                        spans.add(received(service, span));
                    }
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private static Received received(String service, Span span) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        span.getAttributesList().forEach(kv -> attributes.put(kv.getKey(), value(kv.getValue())));
        Status status = span.getStatus();
        return new Received(service, hex(span.getTraceId()), hex(span.getSpanId()), hex(span.getParentSpanId()),
                span.getName(), span.getKind().name(), attributes, status.getCode().name(), status.getMessage());
    }

    private static Map<String, Object> attributes(Resource resource) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (KeyValue kv : resource.getAttributesList()) {
            attributes.put(kv.getKey(), value(kv.getValue()));
        }
        return attributes;
    }

    private static Object value(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            default -> value.toString();
        };
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
