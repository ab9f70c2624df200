package dev.ratchet.engine.internal.worker;

import dev.ratchet.api.TimeoutType;
import dev.ratchet.engine.store.ActivityTask;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records activity timeouts nobody is watching: attempts of a dead engine, tasks no engine serving their queue has
 * claimed, detached (async) attempts, and any attempt whose local watchdog has not fired yet. Every engine sweeps,
 * like timers: it claims tasks past their deadline, decides which timeout fired from their times, and retries or
 * fails them through {@link ActivityOutcomes}. Called from one loop thread; not otherwise thread-safe.
 */
final class ActivityTimeoutSweeper {
    private static final Logger log = LoggerFactory.getLogger(ActivityTimeoutSweeper.class);
    private static final int BATCH = 32;

    private final WorkerContext ctx;
    private final ActivityExecutor executor;

    ActivityTimeoutSweeper(WorkerContext ctx, ActivityExecutor executor) {
        this.ctx = ctx;
        this.executor = executor;
    }

    /** One sweep; returns how long to wait before the next (the next deadline, at most a poll interval). */
    long sweep() {
        // coalesced beats of attempts running here are real beats: write them before judging deadlines
        long now = ctx.clock().millis();
        executor.flushHeartbeats(now);
        List<ActivityTask> claimed = ctx.store().claimTimedOutActivityTasks(ctx.owner(), BATCH, ctx.lease(), now);
        for (ActivityTask task : claimed) {
            executor.takenOver(task);
            TimeoutType type = ActivityTimeoutDecision.which(task, now);
            try {
                ActivityOutcomes outcomes = executor.outcomes();
                outcomes.timedOut(task, outcomes.options(task), type);
            } catch (RuntimeException e) {
                // the claim lapses and a later sweep (here or elsewhere) finds the deadline-less task by its lease
                log.warn("recording the {} timeout of activity {} of run {} failed: {}", type, task.activityId(),
                        task.runId(), e.toString());
            }
        }
        if (claimed.size() == BATCH) {
            return 0;
        }
        long poll = ctx.pollInterval().toMillis();
        return ctx.store().nextActivityDeadline()
                .map(at -> Math.max(1, Math.min(poll, at - ctx.clock().millis()))).orElse(poll);
    }
}
