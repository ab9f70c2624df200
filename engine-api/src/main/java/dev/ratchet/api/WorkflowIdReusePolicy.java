package dev.ratchet.api;

/**
 * What a start does when the latest run of its workflow ID has closed (completed, failed, canceled, terminated or timed
 * out). A run that is still open is governed by {@link WorkflowIdConflictPolicy} instead. Whatever the policy, one
 * workflow ID never has two open runs, and earlier runs stay readable by run ID.
 */
public enum WorkflowIdReusePolicy {
    /**
     * Treat the closed run like a running one, so the {@link WorkflowIdConflictPolicy} decides (USE_EXISTING hands it
     * back): a start is idempotent per workflow ID, so a start retried after a crash or a lost reply never runs the
     * workflow twice. The default (Temporal's default is
     * {@link #ALLOW_DUPLICATE}; Ratchet's promise of exactly-once starts asks for this one).
     */
    USE_EXISTING,
    /** Start a new run that becomes the ID's latest run. */
    ALLOW_DUPLICATE,
    /**
     * Start a new run only if the latest run did not complete successfully (it failed, was canceled, terminated or
     * timed out); otherwise throw {@link WorkflowAlreadyStartedException}.
     */
    ALLOW_DUPLICATE_FAILED_ONLY,
    /** Never start a second run of the ID: throw {@link WorkflowAlreadyStartedException}. */
    REJECT_DUPLICATE
}
