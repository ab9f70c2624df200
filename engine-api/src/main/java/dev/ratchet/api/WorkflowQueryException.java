package dev.ratchet.api;

/**
 * A query could not be answered: its handler threw, tried to change workflow state, or the workflow's code cannot be
 * replayed on this engine. The cause, if any, is what the handler threw. Nothing was recorded.
 */
public class WorkflowQueryException extends RatchetException {
    /** Creates the exception. */
    public WorkflowQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
