package dev.atmo.sequence;

import dev.atmo.AtmoException;

/** A sequence failed for a reason other than a Runnable's own error (HTTP 500 with this message). */
public class SequenceException extends AtmoException {
    private static final long serialVersionUID = 1L;

    public SequenceException(String message) {
        super(message);
    }

    public SequenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
