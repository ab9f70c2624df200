package dev.ratchet.engine.store;

/**
 * The timeouts of an activity in the form a store needs to keep its deadline: when it must be looked at because a
 * timeout may have fired. Every store computes the deadline with {@link #deadlineWhileWaiting} and
 * {@link #deadlineWhileRunning}, so all stores agree. Zero means "none" for every field.
 *
 * @param scheduleToCloseAt     epoch ms (engine clock) by which the activity must be closed, over all attempts
 * @param scheduleToStartMillis longest wait of an attempt for an engine, from the time it became available
 * @param startToCloseMillis    longest run of one attempt, from its start
 * @param heartbeatMillis       longest gap between heartbeats of a running attempt, the first from its start
 */
public record ActivityTimeouts(long scheduleToCloseAt, long scheduleToStartMillis, long startToCloseMillis,
        long heartbeatMillis) {

    /** No timeouts at all. */
    public static final ActivityTimeouts NONE = new ActivityTimeouts(0, 0, 0, 0);

    /** Rejects negative values. */
    public ActivityTimeouts {
        if (scheduleToCloseAt < 0 || scheduleToStartMillis < 0 || startToCloseMillis < 0 || heartbeatMillis < 0) {
            throw new IllegalArgumentException("activity timeouts must be >= 0 (0 = none): " + scheduleToCloseAt
                    + ", " + scheduleToStartMillis + ", " + startToCloseMillis + ", " + heartbeatMillis);
        }
    }

    /** The deadline of an attempt waiting for an engine since {@code availableAt}; 0 if none. */
    public long deadlineWhileWaiting(long availableAt) {
        return min(scheduleToCloseAt, scheduleToStartMillis == 0 ? 0 : availableAt + scheduleToStartMillis);
    }

    /**
     * The deadline of an attempt running since {@code startedAt} whose latest heartbeat was at {@code lastBeatAt}
     * (0 if none yet); 0 if none.
     */
    public long deadlineWhileRunning(long startedAt, long lastBeatAt) {
        long beat = heartbeatMillis == 0 ? 0 : Math.max(startedAt, lastBeatAt) + heartbeatMillis;
        return min(min(scheduleToCloseAt, startToCloseMillis == 0 ? 0 : startedAt + startToCloseMillis), beat);
    }

    private static long min(long a, long b) {
        return a == 0 ? b : b == 0 ? a : Math.min(a, b);
    }
}
