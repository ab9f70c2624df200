package dev.ratchet.engine.store;

/**
 * An activity task a {@link RunCommit} completes: it must exist in the commit's run under this claim's fence, and it
 * is deleted with the commit.
 *
 * @param activityId the activity's ID within the run
 * @param fence      the fence of the claim that produced the outcome
 */
public record CompletedActivity(String activityId, long fence) {
    /** Validates the ID. */
    public CompletedActivity {
        if (activityId == null) {
            throw new IllegalArgumentException("a completed activity needs its activity ID");
        }
    }
}
