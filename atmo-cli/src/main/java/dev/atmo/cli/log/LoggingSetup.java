package dev.atmo.cli.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.encoder.Encoder;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Configures the log: text or JSON lines, level, and an optional file, for {@code atmo start}. Lines are
 * written in batches ({@link BatchingAppender}); {@link #flush()} writes what is pending before an exit.
 */
public final class LoggingSetup {
    private static final String APPENDER = "atmo";

    public enum Format {
        TEXT,
        JSON
    }

    private LoggingSetup() {
    }

    /**
     * Replaces the current configuration.
     *
     * @param version the version JSON lines name, as {@code atmo --version} prints it
     * @throws IllegalArgumentException if the log file cannot be opened
     */
    public static void configure(Format format, String level, Optional<Path> file, String version) {
        apply((LoggerContext) LoggerFactory.getILoggerFactory(), format, level, file, version);
    }

    /** Writes every pending line now; called before the process exits. */
    public static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(APPENDER)
                        instanceof BatchingAppender appender) {
            appender.flush();
        }
    }

    /** Configures a logging context; also the default configuration, before any option is read. */
    static void apply(LoggerContext context, Format format, String level, Optional<Path> file, String version) {
        Encoder<ILoggingEvent> encoder = encoder(format, context, version);
        BatchingAppender appender = file
                .map(path -> BatchingAppender.toFile(encoder, path, BatchingAppender.FLUSH_INTERVAL))
                .orElseGet(() -> BatchingAppender.toStandardOut(encoder, BatchingAppender.FLUSH_INTERVAL));
        context.getLogger("io.netty").setLevel(Level.WARN);
        context.getLogger("com.dylibso").setLevel(Level.WARN);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> previous = root.getAppender(APPENDER);
        if (previous instanceof BatchingAppender batching) {
            batching.flush();
        }
        root.detachAndStopAllAppenders();
        root.setLevel(Level.toLevel(level.toUpperCase(Locale.ROOT), Level.INFO));
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.start();
        root.addAppender(appender);
    }

    private static Encoder<ILoggingEvent> encoder(Format format, LoggerContext context, String version) {
        if (format == Format.JSON) {
            JsonLineEncoder json = new JsonLineEncoder(version);
            json.setContext(context);
            json.start();
            return json;
        }
        TextLineEncoder text = new TextLineEncoder();
        text.setContext(context);
        text.start();
        return text;
    }
}
