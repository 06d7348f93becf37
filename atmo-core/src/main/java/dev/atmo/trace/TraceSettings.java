package dev.atmo.trace;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How traces are exported, built the same way from code and from the command line. Off by default; on when an
 * OTLP endpoint is given ({@code --otlp-endpoint}, {@code ATMO_OTLP_ENDPOINT}) or the environment names one
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}). The rest (service name,
 * sampler, resource attributes, batching) comes from the standard {@code OTEL_*} variables, read by the SDK.
 *
 * @param enabled    whether spans are made and exported
 * @param endpoint   the OTLP/HTTP base URL, traces go to its {@code /v1/traces}; it wins over the environment's
 * @param properties OpenTelemetry SDK properties ({@code otel.service.name}, {@code otel.traces.sampler}, ...);
 *                   they win over the environment's {@code OTEL_*} variables
 */
public record TraceSettings(boolean enabled, Optional<String> endpoint, Map<String, String> properties) {
    /** The variables that, when set, turn traces on without an endpoint of Atmo's own. */
    static final String[] ENDPOINT_VARIABLES = {"OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"};

    public TraceSettings {
        Objects.requireNonNull(endpoint);
        properties = Map.copyOf(properties);
        endpoint.ifPresent(TraceSettings::requireHttpUrl);
    }

    /** No traces. */
    public static TraceSettings off() {
        return new TraceSettings(false, Optional.empty(), Map.of());
    }

    /**
     * Traces exported over OTLP/HTTP to {@code endpoint}.
     *
     * @throws IllegalArgumentException when the endpoint is not an http:// or https:// URL
     */
    public static TraceSettings otlp(String endpoint) {
        return new TraceSettings(true, Optional.of(endpoint), Map.of());
    }

    /**
     * The settings of {@code atmo start}: on when {@code endpoint} (the flag, or {@code ATMO_OTLP_ENDPOINT}) is
     * set, or the environment sets {@code OTEL_EXPORTER_OTLP_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}.
     */
    public static TraceSettings from(Optional<String> endpoint, Function<String, Optional<String>> environment) {
        Optional<String> given = endpoint.map(String::trim).filter(e -> !e.isEmpty());
        if (given.isPresent()) {
            return otlp(given.get());
        }
        for (String variable : ENDPOINT_VARIABLES) {
            if (environment.apply(variable).filter(v -> !v.isBlank()).isPresent()) {
                return new TraceSettings(true, Optional.empty(), Map.of());
            }
        }
        return off();
    }

    /** These settings with one more SDK property, for example {@code otel.service.name}. */
    public TraceSettings withProperty(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(properties);
        more.put(key, value);
        return new TraceSettings(enabled, endpoint, more);
    }

    /** The SDK properties that override the environment: the endpoint and the given properties. */
    Map<String, String> overrides() {
        Map<String, String> all = new LinkedHashMap<>(properties);
        endpoint.ifPresent(e -> all.put("otel.exporter.otlp.endpoint", e));
        return all;
    }

    private static void requireHttpUrl(String endpoint) {
        URI uri = null;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            // reported below like any other endpoint that is not an HTTP URL
        }
        if (uri == null || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("the OTLP endpoint " + endpoint + " is not an http:// or https:// URL;"
                    + " give the collector's base URL, such as http://127.0.0.1:4318");
        }
    }
}
