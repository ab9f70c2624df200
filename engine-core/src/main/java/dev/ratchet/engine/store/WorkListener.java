package dev.ratchet.engine.store;

/**
 * Receives a store's hints that new work may be available, so an engine can look at once instead of at its next poll.
 * Hints are best effort: they may be late, duplicated, spurious or lost, and polling remains the guarantee. Methods
 * are called from the store's threads (possibly while a commit returns), so they must be quick and must not throw or
 * call the store; implementations must be thread-safe.
 */
public interface WorkListener {

    /** Workflow tasks of {@code taskQueue} may have become claimable (created, released, or unparked). */
    default void workflowTasksAvailable(String taskQueue) {
    }

    /** Activity tasks of {@code taskQueue} may have become claimable (scheduled unclaimed, retried, or released). */
    default void activityTasksAvailable(String taskQueue) {
    }

    /** Timers may have changed such that no engine is going to fire them by itself: read the due timers again. */
    default void timersChanged() {
    }
}
