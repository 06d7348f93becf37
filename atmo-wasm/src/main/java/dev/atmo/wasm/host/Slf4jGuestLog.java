package dev.atmo.wasm.host;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default {@link GuestLog}: one SLF4J line per message, naming the Runnable and request. */
public final class Slf4jGuestLog implements GuestLog {
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo.guest");

    public Slf4jGuestLog() {
    }

    @Override
    public void log(LogLevel level, String runnable, String requestId, int ident, String message) {
        String line = requestId.isEmpty()
                ? "[" + runnable + "] " + message
                : "[" + runnable + " request_id=" + requestId + "] " + message;
        switch (level) {
            case ERROR -> LOG.error(line);
            case WARN -> LOG.warn(line);
            case DEBUG -> LOG.debug(line);
            default -> LOG.info(line);
        }
    }
}
