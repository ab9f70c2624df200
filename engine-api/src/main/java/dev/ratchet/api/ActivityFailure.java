package dev.ratchet.api;

/**
 * Seen by workflow code when an activity failed for good (its retry policy gave up); the cause says why.
 */
public final class ActivityFailure extends RatchetFailure {
    private final String activityType;
    private final String activityId;
    private final int attempts;

    /** Creates the failure; used by the engine. */
    public ActivityFailure(String activityType, String activityId, int attempts, RatchetFailure cause,
            String recordedStackTrace) {
        super("activity " + activityType + " (id " + activityId + ") failed after " + attempts + " attempt"
                + (attempts == 1 ? "" : "s") + ": " + (cause == null ? "unknown" : cause.getMessage()), cause,
                recordedStackTrace);
        this.activityType = activityType;
        this.activityId = activityId;
        this.attempts = attempts;
    }

    /** The activity type name. */
    public String activityType() {
        return activityType;
    }

    /** The activity's ID within its workflow run. */
    public String activityId() {
        return activityId;
    }

    /** How many attempts were made. */
    public int attempts() {
        return attempts;
    }

    @Override
    public synchronized RatchetFailure getCause() {
        return (RatchetFailure) super.getCause();
    }
}
