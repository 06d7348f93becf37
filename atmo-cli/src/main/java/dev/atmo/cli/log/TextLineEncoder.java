package dev.atmo.cli.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import dev.atmo.request.RequestLog;
import dev.atmo.trace.TraceContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

/**
 * Text log lines, {@code 12:04:05.123 INFO  http - message}, then the stack trace of an exception if any:
 * the time of day in the local zone, the level padded to five, the logger's last name segment. A line written
 * while a request is served ends with {@code request_id=...} (see {@link RequestLog}), one written while a span
 * is current with {@code trace_id=... span_id=...}. Written by
 * hand rather than with a pattern layout because the request lines pass through here on every request;
 * the time of day is formatted once per second.
 */
final class TextLineEncoder extends LineEncoder {
    private final ZoneId zone = ZoneId.systemDefault();
    private volatile Second second = new Second(Long.MIN_VALUE, "");

    private record Second(long epochSecond, String text) {
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        long millis = event.getTimeStamp();
        String message = event.getFormattedMessage();
        StringBuilder out = new StringBuilder(48 + (message == null ? 4 : message.length()));
        out.append(timeOfDay(Math.floorDiv(millis, 1000))).append('.');
        int ms = (int) Math.floorMod(millis, 1000);
        out.append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10));
        String level = event.getLevel().toString();
        out.append(' ').append(level);
        for (int i = level.length(); i < 5; i++) {
            out.append(' ');
        }
        String logger = event.getLoggerName();
        out.append(' ').append(logger, logger.lastIndexOf('.') + 1, logger.length()).append(" - ");
        appendEscaped(out, message);
        Map<String, String> mdc = event.getMDCPropertyMap();
        appendRequestId(out, mdc, message);
        appendTrace(out, mdc);
        out.append(CoreConstants.LINE_SEPARATOR);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            out.append(ThrowableProxyUtil.asString(thrown));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A guest's own lines name their request already ({@code [fn request_id=...]}), so they are not suffixed again. */
    private static void appendRequestId(StringBuilder out, Map<String, String> mdc, String message) {
        String requestId = mdc == null ? null : mdc.get(RequestLog.MDC_KEY);
        if (requestId != null && (message == null || !message.contains(RequestLog.MDC_KEY + "="))) {
            out.append(' ').append(RequestLog.MDC_KEY).append('=').append(requestId);
        }
    }

    private static void appendTrace(StringBuilder out, Map<String, String> mdc) {
        String traceId = mdc == null ? null : mdc.get(TraceContext.MDC_TRACE_ID);
        if (traceId != null) {
            out.append(" trace_id=").append(traceId).append(" span_id=").append(mdc.get(TraceContext.MDC_SPAN_ID));
        }
    }

    /**
     * One event is one line: line breaks and other control characters in the message (a guest's log text, a
     * header a client sent) are written as escapes (backslash n, backslash r, backslash u and four hex
     * digits), so nobody can forge a line that seems to come from the server. A tab stays a tab.
     */
    static void appendEscaped(StringBuilder out, String message) {
        if (message == null) {
            out.append("null");
            return;
        }
        int start = 0;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                out.append(message, start, i);
                switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(String.format("\\u%04x", (int) c));
                }
                start = i + 1;
            }
        }
        out.append(message, start, message.length());
    }

    private String timeOfDay(long epochSecond) {
        Second cached = second;
        if (cached.epochSecond() != epochSecond) {
            LocalTime time = LocalTime.ofInstant(Instant.ofEpochSecond(epochSecond), zone);
            cached = new Second(epochSecond, String.format("%02d:%02d:%02d", time.getHour(), time.getMinute(),
                    time.getSecond()));
            second = cached;
        }
        return cached.text();
    }
}
