package dev.atmo.cli.project;

/** An argument given on the command line is not acceptable (unknown language, invalid name or route). */
public class UsageException extends ProjectException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
