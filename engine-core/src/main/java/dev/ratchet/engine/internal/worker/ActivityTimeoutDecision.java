package dev.ratchet.engine.internal.worker;

import dev.ratchet.api.TimeoutType;
import dev.ratchet.engine.store.ActivityTask;
import dev.ratchet.engine.store.ActivityTimeouts;

/**
 * Decides which timeout of an activity fired from its times and timeouts, the same way for the local watchdog and the
 * sweeper, and whether that timeout ends the activity for good. Stateless.
 */
final class ActivityTimeoutDecision {
    private ActivityTimeoutDecision() {
    }

    /**
     * The timeout that fired by {@code now} for a task whose current attempt started at {@code task.startedAt()}
     * (0 = waiting for an engine). Schedule-to-close wins over the others because it ends the activity for good.
     */
    static TimeoutType which(ActivityTask task, long now) {
        ActivityTimeouts t = task.timeouts();
        if (t.scheduleToCloseAt() != 0 && now >= t.scheduleToCloseAt()) {
            return TimeoutType.SCHEDULE_TO_CLOSE;
        }
        if (task.startedAt() == 0) {
            return TimeoutType.SCHEDULE_TO_START;
        }
        if (t.startToCloseMillis() != 0 && now >= task.startedAt() + t.startToCloseMillis()) {
            return TimeoutType.START_TO_CLOSE;
        }
        return t.heartbeatMillis() != 0 ? TimeoutType.HEARTBEAT : TimeoutType.START_TO_CLOSE;
    }

    /** Whether the timeout fails the activity for good (the others fail the attempt, retried by the policy). */
    static boolean isFinal(TimeoutType type) {
        return type == TimeoutType.SCHEDULE_TO_CLOSE || type == TimeoutType.SCHEDULE_TO_START;
    }

    /** A message naming the timeout and its length. */
    static String describe(ActivityTask task, TimeoutType type) {
        ActivityTimeouts t = task.timeouts();
        String what = "activity " + task.activityType() + " (id " + task.activityId() + ")";
        return switch (type) {
            case SCHEDULE_TO_CLOSE -> what + " did not close within its schedule-to-close timeout of "
                    + (t.scheduleToCloseAt() - task.scheduledAt()) + " ms";
            case SCHEDULE_TO_START -> what + " waited longer than its schedule-to-start timeout of "
                    + t.scheduleToStartMillis() + " ms for an engine serving task queue " + task.taskQueue();
            case START_TO_CLOSE -> "attempt " + task.attempt() + " of " + what
                    + " ran longer than its start-to-close timeout of " + t.startToCloseMillis() + " ms";
            case HEARTBEAT -> "attempt " + task.attempt() + " of " + what + " did not heartbeat within its "
                    + "heartbeat timeout of " + t.heartbeatMillis() + " ms";
            default -> what + " timed out (" + type + ")";
        };
    }
}
