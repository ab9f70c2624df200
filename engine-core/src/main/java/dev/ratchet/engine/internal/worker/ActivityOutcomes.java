package dev.ratchet.engine.internal.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.ApplicationFailure;
import dev.ratchet.api.CanceledFailure;
import dev.ratchet.api.RetryPolicy;
import dev.ratchet.api.TimeoutFailure;
import dev.ratchet.api.TimeoutType;
import dev.ratchet.engine.internal.codec.ActivityOptionsJson;
import dev.ratchet.engine.internal.history.EventType;
import dev.ratchet.engine.internal.history.Events;
import dev.ratchet.engine.internal.history.Failures;
import dev.ratchet.engine.store.ActivityTask;
import dev.ratchet.engine.store.HistoryEvent;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * Records the outcome of an activity attempt, fenced by the attempt's claim: a result or a final failure goes to the
 * workflow (through {@link WorkflowTaskProcessor#deliver}); a failure the retry policy allows updates the task for
 * its next attempt. One path for attempts run here, timeouts found by the sweeper and completions from outside.
 * Thread-safe.
 */
public final class ActivityOutcomes {
    private final WorkerContext ctx;
    private final WorkflowTaskProcessor processor;
    private final Events events;
    private volatile LongConsumer retryScheduled = at -> { };

    ActivityOutcomes(WorkerContext ctx, WorkflowTaskProcessor processor) {
        this.ctx = ctx;
        this.processor = processor;
        this.events = ctx.config().events();
    }

    void onRetryScheduled(LongConsumer listener) {
        this.retryScheduled = listener;
    }

    /** The options stored with a task. */
    public ActivityOptions options(ActivityTask task) {
        return ActivityOptionsJson.read(events.mapper(), task.options());
    }

    /** Records the result of the attempt; false if the attempt's claim is stale (nothing recorded). */
    public boolean complete(ActivityTask task, String resultJson) {
        int attempt = task.attempt();
        return processor.deliver(task.runId(), seq -> new HistoryEvent(seq, EventType.ActivityCompleted.name(),
                ctx.clock().millis(), events.activityCompleted(task.activityId(), resultJson, attempt)),
                task.activityId(), task.fence(), null);
    }

    /**
     * Records a failed attempt: retried when the policy allows another attempt that can start before the
     * schedule-to-close deadline, else the activity fails for good. A {@link CanceledFailure} is never retried.
     * Returns false if the attempt's claim is stale (nothing recorded).
     */
    public boolean failAttempt(ActivityTask task, ActivityOptions options, Throwable failure) {
        if (!(failure instanceof CanceledFailure) && allowsAnotherAttempt(options.retryPolicy(), task.attempt(),
                failure)) {
            long availableAt = ctx.clock().millis() + options.retryPolicy().delayAfter(task.attempt()).toMillis();
            long closeAt = task.timeouts().scheduleToCloseAt();
            // no retry is scheduled past the schedule-to-close deadline: it could only time out
            if (closeAt == 0 || availableAt < closeAt) {
                return retry(task, failure, availableAt);
            }
        }
        return fail(task, failure, task.attempt());
    }

    /** Records that {@code type} fired for the task's current attempt (or its wait); fenced like any outcome. */
    boolean timedOut(ActivityTask task, ActivityOptions options, TimeoutType type) {
        TimeoutFailure failure = new TimeoutFailure(type, ActivityTimeoutDecision.describe(task, type));
        if (ActivityTimeoutDecision.isFinal(type)) {
            return fail(task, failure, task.attempt());
        }
        return failAttempt(task, options, failure);
    }

    /** Whether the policy allows an attempt after {@code attempt} failed with {@code failure}. */
    static boolean allowsAnotherAttempt(RetryPolicy policy, int attempt, Throwable failure) {
        boolean nonRetryable = failure instanceof ApplicationFailure a && a.isNonRetryable();
        return !nonRetryable && policy.retries(typeOf(failure)) && policy.delayAfter(Math.max(1, attempt)) != null;
    }

    /** The type name retry policies match: the ApplicationFailure type, else the exception's class name. */
    static String typeOf(Throwable failure) {
        return failure instanceof ApplicationFailure a ? a.type() : failure.getClass().getName();
    }

    /** Schedules the next attempt at {@code availableAt}; false if the fence is stale. */
    boolean retry(ActivityTask task, Throwable failure, long availableAt) {
        String json = Failures.toJson(events.mapper(), failure).toString();
        if (ctx.store().retryActivity(task.runId(), task.activityId(), task.fence(), availableAt, json)) {
            retryScheduled.accept(availableAt);
            return true;
        }
        return false;
    }

    /** Fails the activity for good after {@code attempts} attempts; false if the fence is stale. */
    boolean fail(ActivityTask task, Throwable failure, int attempts) {
        ObjectNode f = Failures.toJson(events.mapper(), failure);
        return processor.deliver(task.runId(), seq -> new HistoryEvent(seq, EventType.ActivityFailed.name(),
                ctx.clock().millis(), events.activityFailed(task.activityId(), f, attempts)),
                task.activityId(), task.fence(), null);
    }

    /** The retry delay of the policy after {@code attempt}, or null. */
    static Duration delayAfter(ActivityOptions options, int attempt) {
        return options.retryPolicy().delayAfter(Math.max(1, attempt));
    }
}
