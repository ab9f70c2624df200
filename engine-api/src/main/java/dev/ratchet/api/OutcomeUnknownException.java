package dev.ratchet.api;

/**
 * A write reached the store but its acknowledgement was lost (the connection failed during COMMIT) and reading back
 * could not tell whether it took effect. Do not repeat the write blindly: look up its result first (for a start,
 * {@link WorkflowClient#handle} or {@link WorkflowClient#describe} by the workflow ID).
 */
public class OutcomeUnknownException extends StoreException {
    /** Creates the exception. */
    public OutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
