package dev.ratchet.api;

/**
 * An update did not produce a result: either its validator rejected it (nothing was recorded), or it was accepted and
 * its handler failed (the failure is recorded in history). The cause is what the validator or handler threw.
 */
public class WorkflowUpdateException extends RatchetException {
    private final boolean rejected;

    /** Creates the exception; {@code rejected} tells whether the validator refused the update. */
    public WorkflowUpdateException(String message, boolean rejected, Throwable cause) {
        super(message, cause);
        this.rejected = rejected;
    }

    /** Whether the validator rejected the update (then history holds no trace of it). */
    public boolean rejected() {
        return rejected;
    }
}
