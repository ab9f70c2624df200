package dev.ratchet.api;

/** The lifecycle state of a workflow run. */
public enum WorkflowStatus {
    /** The run is in progress (or waiting). */
    RUNNING,
    /** The workflow method returned; its result is recorded. */
    COMPLETED,
    /** The workflow method threw a {@link RatchetFailure}; the failure is recorded. */
    FAILED,
    /**
     * The run hit a non-determinism error or an unexpected exception in workflow code: it makes no progress, loses
     * nothing, and resumes when fixed code is deployed (engine restart).
     */
    PARKED;

    /** Whether the run has finished for good. */
    public boolean isClosed() {
        return this == COMPLETED || this == FAILED;
    }
}
