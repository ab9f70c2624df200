package dev.ratchet.engine.internal.worker;

import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.ApplicationFailure;
import dev.ratchet.api.PayloadException;
import dev.ratchet.api.TimeoutType;
import dev.ratchet.api.spi.ActivityContexts;
import dev.ratchet.engine.internal.definition.ActivityDefinition;
import dev.ratchet.engine.store.ActivityTask;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed attempt on the calling (virtual) thread: invokes the implementation with its context bound, and
 * records how it ended (result, failure, detachment for async completion). A watchdog on the engine clock times the
 * attempt out locally (interrupting it) when its start-to-close, heartbeat or schedule-to-close deadline passes.
 * Thread-safe.
 */
final class AttemptRunner {
    private static final Logger log = LoggerFactory.getLogger(AttemptRunner.class);
    /** Retry delay when no engine-side implementation exists for a claimed type (another engine may have one). */
    static final long UNKNOWN_TYPE_RETRY_MS = 10_000;

    private final WorkerContext ctx;
    private final ActivityOutcomes outcomes;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Attempt> running;
    /** Runs the recording of a result (after the user code returned); see ActivityExecutor#recording. */
    private final Consumer<Runnable> recording;

    AttemptRunner(WorkerContext ctx, ActivityOutcomes outcomes, ScheduledExecutorService scheduler,
            Map<String, Attempt> running, Consumer<Runnable> recording) {
        this.ctx = ctx;
        this.outcomes = outcomes;
        this.scheduler = scheduler;
        this.running = running;
        this.recording = recording;
    }

    void run(ActivityTask task) {
        ActivityDefinition def = ctx.activities().get(task.activityType());
        if (def == null) {
            ApplicationFailure f = ApplicationFailure.of("ActivityTypeNotRegistered", "activity type "
                    + task.activityType() + " is not registered on engine " + ctx.owner());
            outcomes.retry(task, f, ctx.clock().millis() + UNKNOWN_TYPE_RETRY_MS);
            return;
        }
        ActivityOptions options = outcomes.options(task);
        if (task.cancelRequested()) {
            // its workflow canceled it before it started: it never runs
            outcomes.fail(task, new dev.ratchet.api.CanceledFailure("activity " + task.activityType() + " (id "
                    + task.activityId() + ") was canceled before it started"), task.attempt());
            return;
        }
        if (task.abandoned() && !resumeAbandoned(task, options)) {
            return;
        }
        Heartbeater heartbeats = new Heartbeater(ctx, task, scheduler);
        Attempt a = new Attempt(task, options, heartbeats,
                new AttemptContext(task, heartbeats, ctx.config().payloads()), Thread.currentThread());
        running.put(a.key(), a);
        try {
            invoke(a, def);
        } finally {
            running.remove(a.key(), a);
            a.cancelWatchdog();
            heartbeats.close();
        }
    }

    /**
     * The previous attempt's engine died or hung past its lease: that attempt counts as failed, so the retry policy
     * decides whether this claim, the next attempt, may run. It runs at once: the lease that had to lapse first already
     * delayed it, and rescheduling the claim would spend an attempt number on a run that never happened.
     * Returns true when the attempt should run now.
     */
    private boolean resumeAbandoned(ActivityTask task, ActivityOptions options) {
        int lostAttempt = Math.max(1, task.attempt() - 1);
        ApplicationFailure lost = ApplicationFailure.of("ActivityAttemptLost", "attempt " + lostAttempt
                + " of activity " + task.activityType() + " ended without an outcome (its engine stopped)");
        long closeAt = task.timeouts().scheduleToCloseAt();
        if (!ActivityOutcomes.allowsAnotherAttempt(options.retryPolicy(), lostAttempt, lost)
                || (closeAt != 0 && ctx.clock().millis() >= closeAt)) {
            outcomes.fail(task, lost, lostAttempt);
            return false;
        }
        return true;
    }

    private void invoke(Attempt a, ActivityDefinition def) {
        ActivityTask task = a.task;
        watch(a);
        Object result = null;
        Throwable failure = null;
        ActivityContexts.bind(a.context);
        try {
            Object[] args = ctx.config().payloads().readArgs(task.input(), def.method().getGenericParameterTypes(),
                    "input of activity " + task.activityType());
            result = def.method().invoke(def.implementation(), args);
        } catch (InvocationTargetException e) {
            failure = e.getCause();
        } catch (PayloadException e) {
            failure = ApplicationFailure.nonRetryable(PayloadException.class.getName(), e.getMessage());
        } catch (ReflectiveOperationException | RuntimeException e) {
            failure = e;
        } finally {
            ActivityContexts.bind(null);
            a.cancelWatchdog();
        }
        if (!a.settle()) {
            Thread.interrupted(); // timed out, taken over or released meanwhile: that end was recorded instead
            return;
        }
        if (a.heartbeats.isStale()) {
            log.debug("attempt {} of activity {} of run {} lost its claim; its outcome is dropped", task.attempt(),
                    task.activityId(), task.runId());
            return;
        }
        if (failure != null) {
            a.heartbeats.flush();
            outcomes.failAttempt(task, a.options, failure);
            return;
        }
        if (a.context.completesLater()) {
            a.heartbeats.flush();
            if (!ctx.store().detachActivity(task.runId(), task.activityId(), task.fence())) {
                log.debug("activity {} of run {} ended before it could be detached", task.activityId(),
                        task.runId());
            }
            return;
        }
        String json;
        try {
            json = ctx.config().payloads().write(result, "result of activity " + task.activityType());
        } catch (PayloadException e) {
            outcomes.failAttempt(task, a.options, ApplicationFailure.nonRetryable(PayloadException.class.getName(),
                    e.getMessage()));
            return;
        }
        recording.accept(() -> outcomes.complete(task, json));
    }

    /** Schedules the watchdog for the attempt's current deadline (none without one). */
    private void watch(Attempt a) {
        long deadline = a.deadline();
        if (deadline == 0 || a.isSettled()) {
            return;
        }
        long delay = Math.max(1, deadline - ctx.clock().millis());
        try {
            a.watchdog(scheduler.schedule(() -> Thread.ofVirtual().start(() -> check(a)), delay,
                    TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            // closing: the store's deadline still holds and the sweeper of any engine enforces it
        }
    }

    /**
     * The watchdog fired: a coalesced beat is written first (it may move the heartbeat deadline), then, if the
     * engine clock has reached the deadline, the attempt is interrupted and its timeout recorded under its fence.
     * Why re-check on the engine clock: under a test clock real time and engine time differ, and the store judges
     * deadlines by the engine clock.
     */
    private void check(Attempt a) {
        try {
            if (a.isSettled()) {
                return;
            }
            a.heartbeats.flush();
            long now = ctx.clock().millis();
            long deadline = a.deadline();
            if (deadline == 0 || now < deadline || a.heartbeats.isStale()) {
                if (!a.heartbeats.isStale()) {
                    watch(a);
                }
                return;
            }
            if (!a.settle()) {
                return;
            }
            a.thread.interrupt();
            TimeoutType type = ActivityTimeoutDecision.which(a.task, now);
            outcomes.timedOut(a.task, a.options, type);
        } catch (RuntimeException e) {
            log.warn("recording the timeout of activity {} of run {} failed ({}); the sweeper will record it",
                    a.task.activityId(), a.task.runId(), e.toString());
        }
    }

    /** Gives an attempt whose outcome could not be recorded back, so it runs again here or elsewhere. Fenced. */
    void releaseForRetry(ActivityTask task, RuntimeException cause) {
        try {
            outcomes.retry(task, cause, ctx.clock().millis() + UNKNOWN_TYPE_RETRY_MS / 10);
        } catch (RuntimeException e) {
            log.debug("releasing activity {} of run {} failed too; its lease will lapse", task.activityId(),
                    task.runId(), e);
        }
    }
}
