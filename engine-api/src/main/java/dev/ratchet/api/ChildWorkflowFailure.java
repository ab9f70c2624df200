package dev.ratchet.api;

/**
 * Seen by parent workflow code when a child workflow failed, timed out, was canceled or terminated, or could not be
 * started (its ID was taken by another workflow); the cause says why.
 */
public final class ChildWorkflowFailure extends RatchetFailure {
    private final String workflowId;
    private final String runId;
    private final String workflowType;

    /** Creates the failure; used by the engine. */
    public ChildWorkflowFailure(String workflowId, String runId, String workflowType, RatchetFailure cause,
            String recordedStackTrace) {
        super("child workflow " + workflowType + " '" + workflowId + "'" + (runId == null ? "" : " (run " + runId
                + ")") + " failed: " + (cause == null ? "unknown" : cause.getMessage()), cause, recordedStackTrace);
        this.workflowId = workflowId;
        this.runId = runId;
        this.workflowType = workflowType;
    }

    /** The child's workflow ID. */
    public String workflowId() {
        return workflowId;
    }

    /** The child's run ID, or null when it was never started. */
    public String runId() {
        return runId;
    }

    /** The child's workflow type name. */
    public String workflowType() {
        return workflowType;
    }

    @Override
    public synchronized RatchetFailure getCause() {
        return (RatchetFailure) super.getCause();
    }
}
