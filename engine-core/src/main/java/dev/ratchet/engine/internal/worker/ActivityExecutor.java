package dev.ratchet.engine.internal.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ratchet.api.ActivityContext;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.ApplicationFailure;
import dev.ratchet.api.PayloadException;
import dev.ratchet.api.RetryPolicy;
import dev.ratchet.api.spi.ActivityContexts;
import dev.ratchet.engine.internal.codec.ActivityOptionsJson;
import dev.ratchet.engine.internal.definition.ActivityDefinition;
import dev.ratchet.engine.internal.history.EventType;
import dev.ratchet.engine.internal.history.Events;
import dev.ratchet.engine.internal.history.Failures;
import dev.ratchet.engine.store.ActivityTask;
import dev.ratchet.engine.store.HistoryEvent;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs claimed activity attempts on virtual threads, at most a configured number at once, enforcing the
 * start-to-close timeout, and records each outcome: a result or a final failure goes to the workflow; a retryable
 * failure updates the task for its next attempt. Thread-safe.
 */
public final class ActivityExecutor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ActivityExecutor.class);
    /** Retry delay when no engine-side implementation exists for a claimed type (another engine may have one). */
    private static final long UNKNOWN_TYPE_RETRY_MS = 10_000;

    private final WorkerContext ctx;
    private final WorkflowTaskProcessor processor;
    private final Semaphore slots;
    private final int maxConcurrent;
    private final AtomicInteger running = new AtomicInteger();
    private final Events events;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ratchet-activity-watchdog").factory());
    private volatile LongConsumer retryScheduled = at -> { };

    /** Creates the executor with {@code maxConcurrent} slots. */
    public ActivityExecutor(WorkerContext ctx, WorkflowTaskProcessor processor, int maxConcurrent) {
        this.ctx = ctx;
        this.processor = processor;
        this.slots = new Semaphore(maxConcurrent);
        this.maxConcurrent = maxConcurrent;
        this.events = ctx.config().events();
    }

    /** Tells the activity poller when a retried attempt becomes due. */
    public void onRetryScheduled(LongConsumer listener) {
        this.retryScheduled = listener;
    }

    /** Free slots: how many more attempts the poller may claim. */
    public int freeSlots() {
        return Math.max(0, maxConcurrent - running.get());
    }

    /** Attempts in flight (claimed and not yet settled). */
    public int inFlight() {
        return running.get();
    }

    /** Runs an attempt on a new virtual thread. */
    public void dispatch(ActivityTask task) {
        running.incrementAndGet();
        Thread.ofVirtual().name("activity " + task.activityType()).start(() -> {
            slots.acquireUninterruptibly();
            try {
                run(task);
            } catch (RuntimeException e) {
                log.warn("could not record the outcome of activity {} of run {}: {}; it will be run again",
                        task.activityId(), task.runId(), e.toString());
                releaseForRetry(task, e);
            } finally {
                slots.release();
                running.decrementAndGet();
            }
        });
    }

    private void run(ActivityTask task) {
        ActivityDefinition def = ctx.activities().get(task.activityType());
        ActivityOptions options = ActivityOptionsJson.read(events.mapper(), task.options());
        if (def == null) {
            ApplicationFailure f = ApplicationFailure.of("ActivityTypeNotRegistered", "activity type "
                    + task.activityType() + " is not registered on engine " + ctx.owner());
            retry(task, f, ctx.clock().millis() + UNKNOWN_TYPE_RETRY_MS);
            return;
        }
        if (task.abandoned()) {
            // the previous attempt's engine died or hung past its lease: that attempt counts as timed out
            ApplicationFailure lost = ApplicationFailure.of("ActivityAttemptLost", "attempt " + (task.attempt() - 1)
                    + " of activity " + task.activityType() + " ended without an outcome (its engine stopped)");
            if (!allowsAnotherAttempt(options.retryPolicy(), task.attempt() - 1, lost)) {
                fail(task, lost, task.attempt() - 1);
                return;
            }
        }
        AtomicBoolean settled = new AtomicBoolean();
        Thread worker = Thread.currentThread();
        Duration timeout = options.startToCloseTimeout();
        ScheduledFuture<?> timer = watchdog.schedule(() -> {
            if (settled.compareAndSet(false, true)) {
                worker.interrupt();
                Thread.ofVirtual().start(() -> onFailure(task, options, ApplicationFailure.of(
                        "StartToCloseTimeout", "attempt " + task.attempt() + " of activity " + task.activityType()
                                + " ran longer than its start-to-close timeout of " + timeout)));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        Object result;
        Throwable failure = null;
        ActivityContexts.bind(contextOf(task));
        try {
            Object[] args = ctx.config().payloads().readArgs(task.input(), def.method().getGenericParameterTypes(),
                    "input of activity " + task.activityType());
            result = def.method().invoke(def.implementation(), args);
        } catch (InvocationTargetException e) {
            result = null;
            failure = e.getCause();
        } catch (PayloadException e) {
            result = null;
            failure = ApplicationFailure.nonRetryable(PayloadException.class.getName(), e.getMessage());
        } catch (ReflectiveOperationException | RuntimeException e) {
            result = null;
            failure = e;
        } finally {
            ActivityContexts.bind(null);
            timer.cancel(false);
        }
        if (!settled.compareAndSet(false, true)) {
            Thread.interrupted(); // clear the watchdog's interrupt; the timeout was recorded instead
            return;
        }
        if (failure != null) {
            onFailure(task, options, failure);
            return;
        }
        String json;
        try {
            json = ctx.config().payloads().write(result, "result of activity " + task.activityType());
        } catch (PayloadException e) {
            onFailure(task, options, ApplicationFailure.nonRetryable(PayloadException.class.getName(),
                    e.getMessage()));
            return;
        }
        int attempt = task.attempt();
        processor.deliver(task.runId(), seq -> new HistoryEvent(seq, EventType.ActivityCompleted.name(),
                ctx.clock().millis(), events.activityCompleted(task.activityId(), json, attempt)),
                task.activityId(), task.fence(), null);
    }

    private void onFailure(ActivityTask task, ActivityOptions options, Throwable failure) {
        if (allowsAnotherAttempt(options.retryPolicy(), task.attempt(), failure)) {
            Duration delay = options.retryPolicy().delayAfter(task.attempt());
            retry(task, failure, ctx.clock().millis() + delay.toMillis());
        } else {
            fail(task, failure, task.attempt());
        }
    }

    private static boolean allowsAnotherAttempt(RetryPolicy policy, int attempt, Throwable failure) {
        String type = failure instanceof ApplicationFailure a ? a.type() : failure.getClass().getName();
        boolean nonRetryable = failure instanceof ApplicationFailure a && a.isNonRetryable();
        return !nonRetryable && policy.retries(type) && policy.delayAfter(attempt) != null;
    }

    private void retry(ActivityTask task, Throwable failure, long availableAt) {
        String json = Failures.toJson(events.mapper(), failure).toString();
        if (ctx.store().retryActivity(task.runId(), task.activityId(), task.fence(), availableAt, json)) {
            retryScheduled.accept(availableAt);
        }
    }

    private void fail(ActivityTask task, Throwable failure, int attempts) {
        ObjectNode f = Failures.toJson(events.mapper(), failure);
        processor.deliver(task.runId(), seq -> new HistoryEvent(seq, EventType.ActivityFailed.name(),
                ctx.clock().millis(), events.activityFailed(task.activityId(), f, attempts)),
                task.activityId(), task.fence(), null);
    }

    /**
     * The outcome could not be recorded (store outage, engine closing): give the attempt back so it runs again here or
     * elsewhere, instead of holding a lease this engine keeps renewing. Fenced, so it is a no-op if the outcome did
     * get recorded.
     */
    private void releaseForRetry(ActivityTask task, RuntimeException cause) {
        try {
            ctx.store().retryActivity(task.runId(), task.activityId(), task.fence(),
                    ctx.clock().millis() + UNKNOWN_TYPE_RETRY_MS / 10,
                    Failures.toJson(events.mapper(), cause).toString());
        } catch (RuntimeException e) {
            log.debug("releasing activity {} of run {} failed too; its lease will lapse", task.activityId(),
                    task.runId(), e);
        }
    }

    private static ActivityContext contextOf(ActivityTask task) {
        return new ActivityContext() {
            @Override
            public String workflowId() {
                return task.workflowId();
            }

            @Override
            public String runId() {
                return task.runId();
            }

            @Override
            public String activityId() {
                return task.activityId();
            }

            @Override
            public String activityType() {
                return task.activityType();
            }

            @Override
            public int attempt() {
                return task.attempt();
            }

            @Override
            public String idempotencyKey() {
                return task.runId() + "/" + task.activityId();
            }

            @Override
            public java.time.Instant scheduledTime() {
                return java.time.Instant.ofEpochMilli(task.scheduledAt());
            }

            @Override
            public java.time.Instant startedTime() {
                return java.time.Instant.ofEpochMilli(task.startedAt());
            }

            @Override
            public void heartbeat(Object details) {
                throw new UnsupportedOperationException("not yet implemented"); // ISSUE-4 helper replaces this
            }

            @Override
            public <T> java.util.Optional<T> heartbeatDetails(Class<T> type) {
                throw new UnsupportedOperationException("not yet implemented"); // ISSUE-4 helper replaces this
            }

            @Override
            public void doNotCompleteOnReturn() {
                throw new UnsupportedOperationException("not yet implemented"); // ISSUE-4 helper replaces this
            }

            @Override
            public String taskToken() {
                throw new UnsupportedOperationException("not yet implemented"); // ISSUE-4 helper replaces this
            }
        };
    }

    /** Waits up to {@code grace} for attempts in flight to finish. Returns whether all did. */
    public boolean awaitIdle(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (running.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return running.get() == 0;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
