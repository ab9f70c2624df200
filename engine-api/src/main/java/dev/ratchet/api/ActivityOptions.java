package dev.ratchet.api;

import java.time.Duration;

/**
 * Options of an activity stub: its four timeouts, how failed attempts are retried, and which task queue serves it.
 * Immutable; validated on construction. Build with {@link #builder()} or start from {@link #of(Duration)}.
 *
 * <p>The timeouts, each optional except that at least one of start-to-close and schedule-to-close is required:
 * <ul>
 *   <li>start-to-close limits one attempt; when it passes the attempt fails and is retried by the retry policy;</li>
 *   <li>schedule-to-close limits all attempts together, waiting and retries included; when it passes the activity
 *       fails for good;</li>
 *   <li>schedule-to-start limits how long an attempt waits for an engine serving its queue; when it passes the
 *       activity fails for good (more attempts would wait on the same missing engines);</li>
 *   <li>heartbeat limits the gap between two {@link ActivityContext#heartbeat heartbeats} of a running attempt (the
 *       first gap starts when the attempt starts); when it passes the attempt fails and is retried, even if the engine
 *       running it died.</li>
 * </ul>
 * Workflow code sees a timeout as an {@link ActivityFailure} whose cause is a {@link TimeoutFailure} naming it.
 *
 * @param startToCloseTimeout    the longest one attempt may run; null for none
 * @param scheduleToCloseTimeout the longest the activity may take over all attempts; null for none
 * @param scheduleToStartTimeout the longest an attempt may wait for an engine; null for none
 * @param heartbeatTimeout       the longest gap between heartbeats of a running attempt; null for none
 * @param retryPolicy            how failed attempts are retried
 * @param taskQueue              the queue whose engines run the activity; {@code "default"} unless set
 */
public record ActivityOptions(Duration startToCloseTimeout, Duration scheduleToCloseTimeout,
        Duration scheduleToStartTimeout, Duration heartbeatTimeout, RetryPolicy retryPolicy, String taskQueue) {

    /** The task queue used when none is named. */
    public static final String DEFAULT_TASK_QUEUE = "default";

    /** Validates every field. */
    public ActivityOptions {
        if (startToCloseTimeout == null && scheduleToCloseTimeout == null) {
            throw new InvalidArgumentException("an activity needs a startToCloseTimeout or a scheduleToCloseTimeout"
                    + " (or both), so that a lost attempt is noticed; set at least one");
        }
        requirePositiveOrNull(startToCloseTimeout, "startToCloseTimeout");
        requirePositiveOrNull(scheduleToCloseTimeout, "scheduleToCloseTimeout");
        requirePositiveOrNull(scheduleToStartTimeout, "scheduleToStartTimeout");
        requirePositiveOrNull(heartbeatTimeout, "heartbeatTimeout");
        InvalidArgumentException.requireNonNull(retryPolicy, "retryPolicy");
        InvalidArgumentException.requireNonBlank(taskQueue, "taskQueue");
        if (taskQueue.length() > 100) {
            throw new InvalidArgumentException("taskQueue must be at most 100 characters, was " + taskQueue.length());
        }
    }

    private static void requirePositiveOrNull(Duration d, String name) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new InvalidArgumentException(name + " must be positive (or null for none), was " + d);
        }
    }

    /** Options with the given start-to-close timeout, the default retry policy and the default task queue. */
    public static ActivityOptions of(Duration startToCloseTimeout) {
        InvalidArgumentException.requireNonNull(startToCloseTimeout, "startToCloseTimeout");
        return new ActivityOptions(startToCloseTimeout, null, null, null, RetryPolicy.defaults(), DEFAULT_TASK_QUEUE);
    }

    /** A builder starting from no timeouts, the default retry policy and the default task queue. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().startToCloseTimeout(startToCloseTimeout).scheduleToCloseTimeout(scheduleToCloseTimeout)
                .scheduleToStartTimeout(scheduleToStartTimeout).heartbeatTimeout(heartbeatTimeout)
                .retryPolicy(retryPolicy).taskQueue(taskQueue);
    }

    /** A copy with another retry policy. */
    public ActivityOptions withRetry(RetryPolicy policy) {
        return toBuilder().retryPolicy(policy).build();
    }

    /** A copy with another start-to-close timeout. */
    public ActivityOptions withStartToCloseTimeout(Duration timeout) {
        return toBuilder().startToCloseTimeout(timeout).build();
    }

    /** A copy with another schedule-to-close timeout. */
    public ActivityOptions withScheduleToCloseTimeout(Duration timeout) {
        return toBuilder().scheduleToCloseTimeout(timeout).build();
    }

    /** A copy with another schedule-to-start timeout. */
    public ActivityOptions withScheduleToStartTimeout(Duration timeout) {
        return toBuilder().scheduleToStartTimeout(timeout).build();
    }

    /** A copy with another heartbeat timeout. */
    public ActivityOptions withHeartbeatTimeout(Duration timeout) {
        return toBuilder().heartbeatTimeout(timeout).build();
    }

    /** A copy on another task queue. */
    public ActivityOptions withTaskQueue(String queue) {
        return toBuilder().taskQueue(queue).build();
    }

    /** Builds {@link ActivityOptions}; validation happens in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private Duration startToClose;
        private Duration scheduleToClose;
        private Duration scheduleToStart;
        private Duration heartbeat;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private String taskQueue = DEFAULT_TASK_QUEUE;

        private Builder() {
        }

        /** The longest one attempt may run (null for none). */
        public Builder startToCloseTimeout(Duration timeout) {
            this.startToClose = timeout;
            return this;
        }

        /** The longest the activity may take over all its attempts (null for none). */
        public Builder scheduleToCloseTimeout(Duration timeout) {
            this.scheduleToClose = timeout;
            return this;
        }

        /** The longest an attempt may wait for an engine serving its queue (null for none). */
        public Builder scheduleToStartTimeout(Duration timeout) {
            this.scheduleToStart = timeout;
            return this;
        }

        /** The longest gap between heartbeats of a running attempt (null for none). */
        public Builder heartbeatTimeout(Duration timeout) {
            this.heartbeat = timeout;
            return this;
        }

        /** How failed attempts are retried. */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = policy;
            return this;
        }

        /** The queue whose engines run the activity. */
        public Builder taskQueue(String queue) {
            this.taskQueue = queue;
            return this;
        }

        /** Validated options. */
        public ActivityOptions build() {
            return new ActivityOptions(startToClose, scheduleToClose, scheduleToStart, heartbeat, retryPolicy,
                    taskQueue);
        }
    }
}
