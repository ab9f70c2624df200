package dev.ratchet.engine.store;

/**
 * The status column of a run as stored; mirrors {@link dev.ratchet.api.WorkflowStatus} (same names). A store keeps
 * the name (at most 16 characters) and treats every status but {@link #RUNNING} and {@link #PARKED} as closed.
 */
public enum RunStatus {
    /** In progress. */
    RUNNING,
    /** Finished with a result. */
    COMPLETED,
    /** Finished with a failure (including a workflow timeout). */
    FAILED,
    /** Finished with a canceled failure. */
    CANCELED,
    /** Terminated from outside, without running workflow code. */
    TERMINATED,
    /** Closed by continuing as a new run that replaced it as its workflow ID's latest run. */
    CONTINUED_AS_NEW,
    /** Stopped by a non-determinism error or an unexpected exception; resumes when fixed code is deployed. */
    PARKED;

    /** The closed statuses, in declaration order. */
    public static final java.util.List<RunStatus> CLOSED = java.util.List.of(COMPLETED, FAILED, CANCELED, TERMINATED,
            CONTINUED_AS_NEW);

    /** Whether a run with this status is closed: its history never grows again. */
    public boolean isClosed() {
        return this != RUNNING && this != PARKED;
    }
}
