package dev.atmo.cli.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.atmo.request.RequestLog;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextLineEncoderTest {
    private final LoggerContext context = new LoggerContext();

    {
        // as the backend's own context has: the encoder reads the MDC for trace ids
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @Test
    void linesAreThoseOfTheEquivalentPattern() {
        PatternLayoutEncoder pattern = new PatternLayoutEncoder();
        pattern.setContext(context);
        pattern.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
        pattern.start();
        TextLineEncoder text = new TextLineEncoder();
        text.setContext(context);
        text.start();

        Logger http = context.getLogger("dev.atmo.http");
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<LoggingEvent> events = List.of(
                event(http, Level.INFO, "POST /hello request_id=1", null, 1_700_000_000_001L),
                event(http, Level.WARN, "{} and {}", null, 1_700_000_000_999L, "one", "two"),
                event(root, Level.ERROR, "failed", new IllegalStateException("boom", new RuntimeException("cause")),
                        1_700_000_001_050L),
                event(context.getLogger("x"), Level.DEBUG, "ünïcode ✓", null, 1_700_000_060_000L),
                event(http, Level.TRACE, "", null, 1_700_000_000_000L));
        for (LoggingEvent event : events) {
            assertThat(new String(text.encode(event), StandardCharsets.UTF_8))
                    .isEqualTo(new String(pattern.encode(event), StandardCharsets.UTF_8));
        }
    }

    @Test
    void lineBreaksAndControlCharactersInAMessageAreEscapedSoEveryEventIsOneLine() {
        TextLineEncoder text = new TextLineEncoder();
        text.setContext(context);
        text.start();
        Logger guest = context.getLogger("dev.atmo.guest");
        String forged = "ok\n12:00:00.000 ERROR http - forged\r\nnext\u0000\u001b[31m\tend";
        String line = new String(text.encode(event(guest, Level.INFO, "{}", null, 1_700_000_000_001L, forged)),
                StandardCharsets.UTF_8);
        assertThat(line).endsWith(" INFO  guest - ok\\n12:00:00.000 ERROR http - forged\\r\\nnext\\u0000"
                + "\\u001b[31m\tend" + System.lineSeparator());
        assertThat(line.lines()).hasSize(1);
    }

    @Test
    void aLineLoggedWhileARequestIsServedEndsWithItsIdAsTheHandWrittenSuffixDid() {
        TextLineEncoder text = new TextLineEncoder();
        text.setContext(context);
        text.start();
        Logger http = context.getLogger("dev.atmo.http");
        String handWritten = new String(text.encode(event(http, Level.INFO, "POST /hello request_id=1", null,
                1_700_000_000_001L)), StandardCharsets.UTF_8);
        context.getMDCAdapter().put(RequestLog.MDC_KEY, "1");
        try {
            assertThat(new String(text.encode(event(http, Level.INFO, "POST /hello", null, 1_700_000_000_001L)),
                    StandardCharsets.UTF_8)).isEqualTo(handWritten);
        } finally {
            context.getMDCAdapter().remove(RequestLog.MDC_KEY);
        }
    }

    @Test
    void aGuestLineNamingItsRequestIsNotSuffixedAgain() {
        TextLineEncoder text = new TextLineEncoder();
        text.setContext(context);
        text.start();
        Logger guest = context.getLogger("dev.atmo.guest");
        context.getMDCAdapter().put(RequestLog.MDC_KEY, "7");
        try {
            assertThat(new String(text.encode(event(guest, Level.INFO, "[hello request_id=7] hi", null,
                    1_700_000_000_001L)), StandardCharsets.UTF_8))
                    .endsWith(" INFO  guest - [hello request_id=7] hi" + System.lineSeparator());
        } finally {
            context.getMDCAdapter().remove(RequestLog.MDC_KEY);
        }
    }

    private static LoggingEvent event(Logger logger, Level level, String message, Throwable thrown, long millis,
                                      Object... args) {
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, level, message, thrown, args);
        event.setTimeStamp(millis);
        return event;
    }
}
