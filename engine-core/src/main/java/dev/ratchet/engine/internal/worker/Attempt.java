package dev.ratchet.engine.internal.worker;

import dev.ratchet.api.ActivityOptions;
import dev.ratchet.engine.store.ActivityTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One activity attempt running on this engine: its task, options, heartbeats and context, and the flag that makes
 * exactly one of "the attempt returned", "the watchdog timed it out" and "it was taken over or released" record its
 * end. Thread-safe.
 */
final class Attempt {
    final ActivityTask task;
    final ActivityOptions options;
    final Heartbeater heartbeats;
    final AttemptContext context;
    final Thread thread;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile ScheduledFuture<?> watchdog;

    Attempt(ActivityTask task, ActivityOptions options, Heartbeater heartbeats, AttemptContext context,
            Thread thread) {
        this.task = task;
        this.options = options;
        this.heartbeats = heartbeats;
        this.context = context;
        this.thread = thread;
    }

    static String key(String runId, String activityId) {
        return runId + '\u0000' + activityId;
    }

    String key() {
        return key(task.runId(), task.activityId());
    }

    /** Claims the right to record this attempt's end; true for exactly one caller. */
    boolean settle() {
        return settled.compareAndSet(false, true);
    }

    boolean isSettled() {
        return settled.get();
    }

    /** The store's deadline for this attempt given the heartbeats written so far; 0 if none. */
    long deadline() {
        return task.timeouts().deadlineWhileRunning(task.startedAt(), heartbeats.lastWrittenAt());
    }

    void watchdog(ScheduledFuture<?> future) {
        this.watchdog = future;
    }

    void cancelWatchdog() {
        ScheduledFuture<?> w = watchdog;
        if (w != null) {
            w.cancel(false);
        }
    }
}
