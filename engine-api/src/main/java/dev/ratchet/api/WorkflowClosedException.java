package dev.ratchet.api;

/** A message (signal, update) was sent to a workflow whose latest run has already finished; nothing was recorded. */
public class WorkflowClosedException extends RatchetException {
    private final String workflowId;
    private final WorkflowStatus status;

    /** Creates the exception for the closed run. */
    public WorkflowClosedException(String workflowId, String runId, WorkflowStatus status) {
        super("workflow '" + workflowId + "' (run " + runId + ") is " + status + ", so it takes no more messages; "
                + "start a new run first (for signals, signalWithStart does both)");
        this.workflowId = workflowId;
        this.status = status;
    }

    /** The workflow ID. */
    public String workflowId() {
        return workflowId;
    }

    /** The state the run finished in. */
    public WorkflowStatus status() {
        return status;
    }
}
