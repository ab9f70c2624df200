package dev.ratchet.api;

/** The lifecycle state of a workflow run. */
public enum WorkflowStatus {
    /** The run is in progress (or waiting). */
    RUNNING,
    /** The workflow method returned; its result is recorded. */
    COMPLETED,
    /** The workflow method threw a {@link RatchetFailure} (or a workflow timeout passed); the failure is recorded. */
    FAILED,
    /**
     * The run ended with a {@link CanceledFailure}, normally because its cancellation was requested
     * ({@link WorkflowClient#cancel}) and the code let the failure escape; the failure is recorded.
     */
    CANCELED,
    /** The run was stopped by {@link WorkflowClient#terminate} (or a parent-close policy); the reason is recorded. */
    TERMINATED,
    /**
     * The run closed by {@link Workflow#continueAsNew continuing as a new run} of the same workflow ID, which is now
     * the workflow's latest run; results and {@link WorkflowClient#describe} follow the chain.
     */
    CONTINUED_AS_NEW,
    /**
     * The run hit a non-determinism error or an unexpected exception in workflow code: it makes no progress, loses
     * nothing, and resumes when fixed code is deployed (engine restart).
     */
    PARKED;

    /** Whether the run has finished for good (every status but {@link #RUNNING} and {@link #PARKED}). */
    public boolean isClosed() {
        return this != RUNNING && this != PARKED;
    }
}
