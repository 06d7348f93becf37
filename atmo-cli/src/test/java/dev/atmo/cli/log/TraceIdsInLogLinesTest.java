package dev.atmo.cli.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.atmo.trace.TraceScope;
import dev.atmo.trace.TraceSettings;
import dev.atmo.trace.TraceSpan;
import dev.atmo.trace.Tracing;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Lines logged while a span is current carry its trace and span ids, in both formats; the ids of an enclosing span
 * come back when an inner one ends, and none are left once the outer one ends.
 */
class TraceIdsInLogLinesTest {
    // the backend's own context: its MDC is the one the spans write to
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger logger = context.getLogger("dev.atmo.guest");
    private Tracing tracing;

    @BeforeEach
    void start() {
        // never sampled, so nothing is sent anywhere; the ids exist all the same
        tracing = Tracing.start(TraceSettings.otlp("http://127.0.0.1:9")
                .withProperty("otel.traces.sampler", "always_off"));
    }

    @AfterEach
    void stop() {
        tracing.close();
    }

    private String text(LoggingEvent event) {
        TextLineEncoder encoder = new TextLineEncoder();
        encoder.setContext(context);
        encoder.start();
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    private String json(LoggingEvent event) {
        JsonLineEncoder encoder = new JsonLineEncoder("v1.2.3");
        encoder.setContext(context);
        encoder.start();
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    private LoggingEvent event(String message) {
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null, null);
        event.getMDCPropertyMap(); // taken now, on this thread, as the appender does
        return event;
    }

    @Test
    void linesWrittenWhileASpanIsCurrentCarryItsIds() {
        TraceSpan outer = tracing.internal("outer");
        String traceId = outer.traceId().orElseThrow();
        LoggingEvent inOuter;
        LoggingEvent inInner;
        LoggingEvent backInOuter;
        String innerSpanId;
        try (TraceScope outerScope = outer.enter()) {
            inOuter = event("outer line");
            TraceSpan inner = tracing.internal("inner");
            innerSpanId = inner.spanId().orElseThrow();
            try (TraceScope innerScope = inner.enter()) {
                inInner = event("inner line");
            }
            backInOuter = event("outer again");
            inner.end();
        }
        LoggingEvent after = event("after");
        outer.end();

        String outerIds = " trace_id=" + traceId + " span_id=" + outer.spanId().orElseThrow();
        assertThat(text(inOuter)).endsWith(" INFO  guest - outer line" + outerIds + System.lineSeparator());
        assertThat(text(inInner)).endsWith(" - inner line trace_id=" + traceId + " span_id=" + innerSpanId
                + System.lineSeparator());
        assertThat(text(backInOuter)).endsWith(" - outer again" + outerIds + System.lineSeparator());
        assertThat(text(after)).endsWith(" - after" + System.lineSeparator());

        assertThat(json(inInner)).contains("\"scope\":{").contains("\"trace_id\":\"" + traceId + "\"")
                .contains("\"span_id\":\"" + innerSpanId + "\"");
        assertThat(json(after)).doesNotContain("trace_id");
    }
}
