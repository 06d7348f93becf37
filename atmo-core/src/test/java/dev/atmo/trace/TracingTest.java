package dev.atmo.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Turning traces on and off, and the context a span continues and carries (its ids in log lines are checked with
 * the logging backend, in atmo-cli).
 */
class TracingTest {
    private static OtlpReceiver receiver;

    @BeforeAll
    static void start() {
        receiver = OtlpReceiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void tracesAreOffUnlessAnEndpointIsGiven() {
        Map<String, String> none = Map.of();
        assertThat(TraceSettings.from(Optional.empty(), name -> Optional.ofNullable(none.get(name))).enabled())
                .isFalse();
        assertThat(TraceSettings.from(Optional.of("  "), name -> Optional.empty()).enabled()).isFalse();
        TraceSettings flag = TraceSettings.from(Optional.of("http://127.0.0.1:4318"), name -> Optional.empty());
        assertThat(flag.enabled()).isTrue();
        assertThat(flag.overrides()).containsEntry("otel.exporter.otlp.endpoint", "http://127.0.0.1:4318");
        for (String variable : List.of("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")) {
            TraceSettings fromEnvironment = TraceSettings.from(Optional.empty(),
                    name -> name.equals(variable) ? Optional.of("http://collector:4318") : Optional.empty());
            assertThat(fromEnvironment.enabled()).as(variable).isTrue();
            // the SDK reads the variable itself
            assertThat(fromEnvironment.overrides()).isEmpty();
        }
    }

    @Test
    void anEndpointThatIsNotAnHttpUrlIsRefusedWithAnExample() {
        assertThatThrownBy(() -> TraceSettings.otlp("127.0.0.1:4318"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the OTLP endpoint 127.0.0.1:4318 is not an http:// or https:// URL; give the collector's"
                        + " base URL, such as http://127.0.0.1:4318");
    }

    @Test
    void offMakesNoSpansAndCarriesNothing() {
        Tracing off = Tracing.start(TraceSettings.off());
        assertThat(off).isSameAs(Tracing.off());
        assertThat(off.enabled()).isFalse();
        assertThat(off.server("GET /", Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                System.nanoTime())).isSameAs(TraceSpan.none());
        assertThat(off.internal("x")).isSameAs(TraceSpan.none());
        Map<String, String> headers = new LinkedHashMap<>();
        try (TraceScope scope = TraceSpan.none().enter()) {
            off.current().inject(headers::put);
        }
        assertThat(headers).isEmpty();
        assertThat(off.current().traceId()).isEmpty();
    }

    @Test
    void aSpanContinuesTheTraceItsHeadersCarryWhateverTheirCase() {
        try (Tracing tracing = Tracing.start(receiver.settings("tracing-test"))) {
            TraceSpan server = tracing.server("GET /x",
                    Map.of("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), System.nanoTime());
            assertThat(server.traceId()).contains("4bf92f3577b34da6a3ce929d0e0e4736");
            Map<String, String> headers = new LinkedHashMap<>();
            try (TraceScope scope = server.enter()) {
                tracing.current().inject(headers::put);
            }
            assertThat(headers).containsOnlyKeys("traceparent");
            assertThat(headers.get("traceparent"))
                    .matches("00-4bf92f3577b34da6a3ce929d0e0e4736-" + server.spanId().orElseThrow() + "-0[13]");
            server.end();
        }
        assertThat(receiver.awaitTrace("4bf92f3577b34da6a3ce929d0e0e4736", 1)).singleElement()
                .satisfies(span -> assertThat(span.parentSpanId()).isEqualTo("00f067aa0ba902b7"));
    }

    @Test
    void closingExportsTheSpansNotSentYet() {
        String traceId;
        // batches would wait a minute: only the close sends this one
        try (Tracing tracing = Tracing.start(receiver.settings("tracing-test")
                .withProperty("otel.bsp.schedule.delay", "60000"))) {
            TraceSpan span = tracing.internal("last words");
            traceId = span.traceId().orElseThrow();
            span.end();
        }
        assertThat(receiver.spans()).anyMatch(s -> s.traceId().equals(traceId) && s.name().equals("last words"));
    }

    @Test
    void aSpanThatRunsFailingWorkIsMarkedWithItsMessage() {
        String traceId;
        try (Tracing tracing = Tracing.start(receiver.settings("tracing-test"))) {
            TraceSpan span = tracing.internal("doomed");
            traceId = span.traceId().orElseThrow();
            assertThatThrownBy(() -> span.run(() -> {
                throw new IllegalStateException("no luck");
            })).hasMessage("no luck");
        }
        assertThat(receiver.awaitTrace(traceId, 1)).singleElement().satisfies(span -> {
            assertThat(span.failed()).isTrue();
            assertThat(span.statusMessage()).isEqualTo("no luck");
            assertThat(span.service()).isEqualTo("tracing-test");
        });
    }

    @Test
    void aServiceTheEnvironmentDoesNotNameIsCalledAtmo() {
        String traceId;
        try (Tracing tracing = Tracing.start(TraceSettings.otlp(receiver.endpoint()))) {
            TraceSpan span = tracing.internal("unnamed");
            traceId = span.traceId().orElseThrow();
            span.end();
        }
        assertThat(receiver.awaitTrace(traceId, 1)).singleElement()
                .satisfies(span -> assertThat(span.service()).isEqualTo("atmo"));
    }
}
