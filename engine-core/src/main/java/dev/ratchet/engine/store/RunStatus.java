package dev.ratchet.engine.store;

/** The status column of a run as stored; mirrors {@link dev.ratchet.api.WorkflowStatus}. */
public enum RunStatus {
    /** In progress. */
    RUNNING,
    /** Finished with a result. */
    COMPLETED,
    /** Finished with a failure. */
    FAILED,
    /** Stopped by a non-determinism error or an unexpected exception; resumes when fixed code is deployed. */
    PARKED
}
