package dev.atmo.cli.log;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Optional;

/**
 * The default log configuration, found by logback through the service loader: text lines to stdout at
 * {@code ATMO_LOG_LEVEL} (info). Configuring in code spares every start the parsing of an XML file.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        String level = Optional.ofNullable(System.getenv("ATMO_LOG_LEVEL")).orElse("info");
        // text lines name no version
        LoggingSetup.apply(context, LoggingSetup.Format.TEXT, level, Optional.empty(), "");
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
