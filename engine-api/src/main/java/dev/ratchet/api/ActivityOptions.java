package dev.ratchet.api;

import java.time.Duration;

/**
 * Options of an activity stub: how long one attempt may run, how attempts are retried, and which task queue serves
 * it. Immutable; validated on construction.
 *
 * @param startToCloseTimeout the longest one attempt may run before it is timed out and retried; positive
 * @param retryPolicy         how failed attempts are retried
 * @param taskQueue           the queue whose engines run the activity; {@code "default"} unless set
 */
public record ActivityOptions(Duration startToCloseTimeout, RetryPolicy retryPolicy, String taskQueue) {

    /** The task queue used when none is named. */
    public static final String DEFAULT_TASK_QUEUE = "default";

    /** Validates every field. */
    public ActivityOptions {
        InvalidArgumentException.requireNonNull(startToCloseTimeout, "startToCloseTimeout");
        if (startToCloseTimeout.isNegative() || startToCloseTimeout.isZero()) {
            throw new InvalidArgumentException("startToCloseTimeout must be positive, was " + startToCloseTimeout);
        }
        InvalidArgumentException.requireNonNull(retryPolicy, "retryPolicy");
        InvalidArgumentException.requireNonBlank(taskQueue, "taskQueue");
    }

    /** Options with the given start-to-close timeout, the default retry policy and the default task queue. */
    public static ActivityOptions of(Duration startToCloseTimeout) {
        return new ActivityOptions(startToCloseTimeout, RetryPolicy.defaults(), DEFAULT_TASK_QUEUE);
    }

    /** A copy with another retry policy. */
    public ActivityOptions withRetry(RetryPolicy policy) {
        return new ActivityOptions(startToCloseTimeout, policy, taskQueue);
    }

    /** A copy with another start-to-close timeout. */
    public ActivityOptions withStartToCloseTimeout(Duration timeout) {
        return new ActivityOptions(timeout, retryPolicy, taskQueue);
    }

    /** A copy on another task queue. */
    public ActivityOptions withTaskQueue(String queue) {
        return new ActivityOptions(startToCloseTimeout, retryPolicy, queue);
    }
}
