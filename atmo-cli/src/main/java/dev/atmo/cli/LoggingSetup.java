package dev.atmo.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/** Configures the log: text or JSON lines, level, and an optional file, for {@code atmo start}. */
final class LoggingSetup {
    enum Format {
        TEXT,
        JSON
    }

    private LoggingSetup() {
    }

    static void configure(Format format, String level, Optional<Path> file) {
        apply((LoggerContext) LoggerFactory.getILoggerFactory(), format, level, file);
    }

    /** Configures a logging context; also the default configuration, before any option is read. */
    static void apply(LoggerContext context, Format format, String level, Optional<Path> file) {
        context.getLogger("io.netty").setLevel(Level.WARN);
        context.getLogger("com.dylibso").setLevel(Level.WARN);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(Level.toLevel(level.toUpperCase(Locale.ROOT), Level.INFO));
        OutputStreamAppender<ILoggingEvent> appender;
        if (file.isPresent()) {
            FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
            fileAppender.setFile(file.get().toString());
            fileAppender.setAppend(true);
            appender = fileAppender;
        } else {
            appender = new ConsoleAppender<>();
        }
        appender.setContext(context);
        appender.setName("atmo");
        appender.setEncoder(encoder(format, context));
        appender.start();
        root.addAppender(appender);
    }

    private static Encoder<ILoggingEvent> encoder(Format format, LoggerContext context) {
        if (format == Format.JSON) {
            JsonLineEncoder json = new JsonLineEncoder(Version.current());
            json.setContext(context);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
        text.start();
        return text;
    }
}
