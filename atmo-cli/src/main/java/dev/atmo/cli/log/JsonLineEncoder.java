package dev.atmo.cli.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * One JSON object per log line in the original's shape:
 * {@code {"log_message":"(I) text","timestamp":"...","level":3,"app":{"atmo_version":"..."},"scope":{...}}};
 * {@code scope} carries the logging context (such as {@code request_id}) when there is one.
 */
final class JsonLineEncoder extends LineEncoder {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnnXXX")
            .withZone(ZoneId.systemDefault());
    private final String version;

    JsonLineEncoder(String version) {
        this.version = version;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        int level = level(event.getLevel());
        String message = "(" + "EWIDT".charAt(level - 1) + ") " + event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : ": " + event.getThrowableProxy().getMessage());
        StringBuilder out = new StringBuilder(128);
        out.append("{\"log_message\":\"").append(escape(message))
                .append("\",\"timestamp\":\"").append(TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp())))
                .append("\",\"level\":").append(level)
                .append(",\"app\":{\"atmo_version\":\"").append(escape(version)).append("\"}");
        Map<String, String> scope = event.getMDCPropertyMap();
        if (scope != null && !scope.isEmpty()) {
            out.append(",\"scope\":{");
            boolean first = true;
            for (Map.Entry<String, String> e : scope.entrySet()) {
                out.append(first ? "" : ",").append('"').append(escape(e.getKey())).append("\":\"")
                        .append(escape(e.getValue())).append('"');
                first = false;
            }
            out.append('}');
        }
        out.append("}\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int level(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> 1;
            case Level.WARN_INT -> 2;
            case Level.INFO_INT -> 3;
            case Level.DEBUG_INT -> 4;
            default -> 5;
        };
    }

    private static String escape(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }
}
