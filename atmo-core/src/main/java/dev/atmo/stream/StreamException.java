package dev.atmo.stream;

import dev.atmo.AtmoException;

/** A stream source could not start: the NATS server is unreachable, or a handler's settings are wrong. */
public class StreamException extends AtmoException {
    private static final long serialVersionUID = 1L;

    public StreamException(String message) {
        super(message);
    }

    public StreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
