package dev.atmo.trace;

import dev.atmo.AtmoException;

/** Traces could not be set up as configured. */
public class TraceException extends AtmoException {
    private static final long serialVersionUID = 1L;

    public TraceException(String message, Throwable cause) {
        super(message, cause);
    }
}
