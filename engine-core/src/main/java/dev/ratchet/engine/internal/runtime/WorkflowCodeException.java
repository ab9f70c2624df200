package dev.ratchet.engine.internal.runtime;

import dev.ratchet.api.WorkflowInfo;

/** Workflow code threw an exception that is not a {@code RatchetFailure}; the run is parked with it. */
public final class WorkflowCodeException extends RuntimeException {
    WorkflowCodeException(WorkflowInfo info, Throwable cause) {
        super("workflow '" + info.workflowId() + "' (run " + info.runId() + ", type " + info.workflowType()
                + ") threw an unexpected " + cause.getClass().getName() + ": " + cause.getMessage()
                + ". The run is parked; fix the code and restart the engine to resume it, or throw an "
                + "ApplicationFailure to fail the workflow on purpose", cause);
    }
}
