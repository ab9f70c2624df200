package dev.ratchet.api;

/**
 * A start found a run with the same workflow ID that its policy does not let it use or replace (an open run under
 * {@link WorkflowIdConflictPolicy#FAIL}, or a closed one its {@link WorkflowIdReusePolicy} keeps); nothing was started.
 */
public class WorkflowAlreadyStartedException extends RatchetException {
    private final String workflowId;
    private final String runId;

    /** Creates the exception for the existing run. */
    public WorkflowAlreadyStartedException(String workflowId, String runId) {
        super("workflow ID '" + workflowId + "' already has run " + runId
                + "; use WorkflowIdConflictPolicy.USE_EXISTING to get its handle, or choose another workflow ID");
        this.workflowId = workflowId;
        this.runId = runId;
    }

    /** Creates the exception for the existing run, with a message that says why it was not replaced. */
    public WorkflowAlreadyStartedException(String workflowId, String runId, String message) {
        super(message);
        this.workflowId = workflowId;
        this.runId = runId;
    }

    /** The workflow ID that was taken. */
    public String workflowId() {
        return workflowId;
    }

    /** The run that holds the workflow ID. */
    public String runId() {
        return runId;
    }
}
