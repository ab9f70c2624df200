package dev.ratchet.api;

/** What a start does when a run with the same workflow ID already exists. */
public enum WorkflowIdConflictPolicy {
    /** Return a handle to the existing run (the default): a start is idempotent per workflow ID. */
    USE_EXISTING,
    /** Throw {@link WorkflowAlreadyStartedException}. */
    FAIL
}
