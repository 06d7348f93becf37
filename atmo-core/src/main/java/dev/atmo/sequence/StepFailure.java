package dev.atmo.sequence;

/**
 * A Runnable could not run to completion (trap, deadline, busy pool, load failure); carries the HTTP status
 * it maps to, and a message naming the step's Runnable.
 */
public class StepFailure extends SequenceException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public StepFailure(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
