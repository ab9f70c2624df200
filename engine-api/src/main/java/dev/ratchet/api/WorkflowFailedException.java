package dev.ratchet.api;

/** Thrown to a client waiting for a result when the workflow failed; the cause is the recorded failure. */
public class WorkflowFailedException extends RatchetException {
    private final String workflowId;
    private final String runId;

    /** Creates the exception. */
    public WorkflowFailedException(String workflowId, String runId, RatchetFailure cause) {
        super("workflow '" + workflowId + "' (run " + runId + ") failed: " + cause.getMessage(), cause);
        this.workflowId = workflowId;
        this.runId = runId;
    }

    /** The failed workflow's ID. */
    public String workflowId() {
        return workflowId;
    }

    /** The failed run. */
    public String runId() {
        return runId;
    }

    @Override
    public synchronized RatchetFailure getCause() {
        return (RatchetFailure) super.getCause();
    }
}
