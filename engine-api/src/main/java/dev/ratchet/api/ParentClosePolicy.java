package dev.ratchet.api;

/** What happens to a child workflow that is still running when its parent closes (completes, fails, is terminated). */
public enum ParentClosePolicy {
    /** The child is terminated (the default, as in Temporal). */
    TERMINATE,
    /** The child is asked to cancel: it sees {@link CanceledFailure} and may clean up. */
    REQUEST_CANCEL,
    /** The child keeps running on its own. */
    ABANDON
}
