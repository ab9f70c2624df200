package dev.ratchet.api;

import java.time.Duration;

/** Waiting for a workflow's result took longer than the caller allowed; the workflow itself goes on. */
public class ResultTimeoutException extends RatchetException {
    /** Creates the exception. */
    public ResultTimeoutException(String workflowId, Duration waited) {
        super("workflow '" + workflowId + "' did not finish within " + waited
                + "; it is still running: wait again with WorkflowHandle.result(...)");
    }
}
