package dev.atmo;

/**
 * Root of every failure raised by Atmo's core: the Directive, the bundle, the server. Unchecked, because
 * a caller can rarely recover from a broken application description, only report it.
 */
public class AtmoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AtmoException(String message) {
        super(message);
    }

    public AtmoException(String message, Throwable cause) {
        super(message, cause);
    }
}
