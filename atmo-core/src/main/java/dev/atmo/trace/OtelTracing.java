package dev.atmo.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracing with the OpenTelemetry SDK, configured by its autoconfiguration: the standard {@code OTEL_*} variables,
 * under Atmo's settings, over Atmo's defaults (OTLP over HTTP with protobuf, traces only, service {@code atmo}).
 */
final class OtelTracing implements Tracing {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.trace");
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final Map<String, String> DEFAULTS = Map.of(
            "otel.traces.exporter", "otlp",
            "otel.exporter.otlp.protocol", "http/protobuf",
            "otel.metrics.exporter", "none",
            "otel.logs.exporter", "none");
    private static final long SHUTDOWN_SECONDS = 10;

    private final OpenTelemetrySdk sdk;
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    private OtelTracing(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
        this.tracer = sdk.getTracer("dev.atmo");
        this.propagator = sdk.getPropagators().getTextMapPropagator();
    }

    static OtelTracing start(TraceSettings settings) {
        try {
            OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(() -> DEFAULTS)
                    .addPropertiesCustomizer(config -> settings.overrides())
                    .addResourceCustomizer((resource, config) -> named(resource))
                    .disableShutdownHook()
                    .build()
                    .getOpenTelemetrySdk();
            LOG.info("traces are exported over OTLP to {}", settings.endpoint()
                    .orElse("the endpoint of the OTEL_EXPORTER_OTLP_* variables"));
            return new OtelTracing(sdk);
        } catch (ConfigurationException e) {
            throw new TraceException("traces could not be set up: " + e.getMessage()
                    + "; check --otlp-endpoint and the OTEL_* variables", e);
        }
    }

    /** A service the environment did not name is called atmo rather than the SDK's unknown_service:java. */
    private static Resource named(Resource resource) {
        String name = resource.getAttribute(SERVICE_NAME);
        if (name == null || name.startsWith("unknown_service")) {
            return resource.toBuilder().put(SERVICE_NAME, "atmo").build();
        }
        return resource;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public TraceSpan server(String name, Map<String, String> headers, long arrival) {
        Context parent = propagator.extract(Context.root(), headers, HeaderGetter.INSTANCE);
        return start(parent, tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(epochNanos(arrival), TimeUnit.NANOSECONDS).startSpan());
    }

    @Override
    public TraceSpan consumer(String name, Map<String, String> headers) {
        Context parent = propagator.extract(Context.root(), headers, HeaderGetter.INSTANCE);
        return start(parent, tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.CONSUMER).startSpan());
    }

    @Override
    public TraceSpan internal(String name) {
        return start(Context.current(), tracer.spanBuilder(name).setSpanKind(SpanKind.INTERNAL).startSpan());
    }

    @Override
    public TraceSpan client(String name) {
        return start(Context.current(), tracer.spanBuilder(name).setSpanKind(SpanKind.CLIENT).startSpan());
    }

    private TraceSpan start(Context parent, Span span) {
        return new OtelSpan(parent.with(span), span, propagator);
    }

    @Override
    public TraceContext current() {
        return new OtelContext(Context.current(), propagator);
    }

    /** A {@link System#nanoTime()} reading as nanoseconds since the epoch. */
    private static long epochNanos(long nanoTime) {
        Instant now = Instant.now();
        long nowNanos = TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        return nowNanos - (System.nanoTime() - nanoTime);
    }

    @Override
    public void close() {
        CompletableResultCode done = sdk.shutdown().join(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        if (!done.isSuccess()) {
            LOG.warn("the last spans may not have been exported: the exporter did not finish within {} s",
                    SHUTDOWN_SECONDS);
        }
    }
}
