package dev.atmo.cli.project;

import dev.atmo.AtmoException;

/** A project could not be created, changed or read: the message says what, where and what to do. */
public class ProjectException extends AtmoException {
    private static final long serialVersionUID = 1L;

    public ProjectException(String message) {
        super(message);
    }

    public ProjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
