package dev.ratchet.engine.internal.worker;

import dev.ratchet.engine.store.ActivityTask;
import dev.ratchet.engine.store.DueTimer;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.NewTimer;
import dev.ratchet.engine.store.WorkListener;
import dev.ratchet.engine.store.RunRecord;
import dev.ratchet.engine.store.WorkflowTaskClaim;
import dev.ratchet.engine.internal.history.EventType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's background work: polling for workflow tasks, activity tasks and due timers that no local commit
 * announced (work of other engines, or left by a crash), firing local timers, and renewing this engine's leases.
 * Reclaiming is periodic, so work of a dead engine is taken over whenever its leases expire. The store's work hints
 * ({@link WorkListener}) wake a loop early; polling stays the guarantee. Thread-safe.
 */
public final class Workers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Workers.class);
    private static final int CLAIM_BATCH = 32;
    private static final int MAX_CONCURRENT_WORKFLOW_TASKS = 64;
    /** How far from its local firing a due timer this engine scheduled must be for a poll to fire it instead. */
    private static final long LOCAL_TIMER_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final WorkerContext ctx;
    private final WorkflowTaskProcessor processor;
    private final ActivityExecutor activities;
    private final Semaphore workflowTaskSlots = new Semaphore(MAX_CONCURRENT_WORKFLOW_TASKS);
    private final Loop workflowTaskLoop;
    private final Loop activityLoop;
    private final Loop timerLoop;
    private final Loop sweepLoop;
    private final Loop leaseLoop;
    private final ActivityTimeoutSweeper sweeper;
    private final ScheduledExecutorService localTimers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ratchet-local-timers").factory());
    /**
     * Timers this engine will fire itself, with the System.nanoTime() at which it will; polls leave them alone near
     * that time so a timer is not fired twice here.
     */
    private final java.util.Map<String, Long> localTimerKeys = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile AutoCloseable subscription;

    /** Creates the workers; {@link #start()} starts them. */
    public Workers(WorkerContext ctx, WorkflowTaskProcessor processor, ActivityExecutor activities) {
        this.ctx = ctx;
        this.processor = processor;
        this.activities = activities;
        String owner = ctx.owner();
        this.workflowTaskLoop = new Loop("ratchet-workflow-tasks-" + owner, tracked(this::pollWorkflowTasks));
        this.activityLoop = new Loop("ratchet-activities-" + owner, tracked(this::pollActivities));
        this.timerLoop = new Loop("ratchet-timers-" + owner, tracked(this::pollTimers));
        this.sweeper = new ActivityTimeoutSweeper(ctx, activities);
        this.sweepLoop = new Loop("ratchet-activity-timeouts-" + owner, tracked(sweeper::sweep));
        this.leaseLoop = new Loop("ratchet-leases-" + owner, this::renewLeases);
        processor.wire(activities::dispatch, this::scheduleLocalTimer, this::processLocally);
        activities.onRetryScheduled(at -> localTimers.schedule(activityLoop::wake,
                Math.max(0, at - ctx.clock().millis()), TimeUnit.MILLISECONDS));
    }

    /**
     * A poll step reported to the probe as one unit of work, so what it claims is in flight from the claim on (the
     * probe never sees a gap between a claim and the unit that processes it).
     */
    private java.util.function.LongSupplier tracked(java.util.function.LongSupplier step) {
        return () -> {
            processor.probe().workStarted();
            try {
                return step.getAsLong();
            } finally {
                processor.probe().workFinished();
            }
        };
    }

    /** Runs every poll now (after a test clock jumped: due timers, retries and deadlines are claimed at once). */
    public void pollNow() {
        if (!closed) {
            workflowTaskLoop.wake();
            activityLoop.wake();
            timerLoop.wake();
            sweepLoop.wake();
        }
    }

    /** Starts polling, and subscribes to the store's hints of new work. */
    public void start() {
        workflowTaskLoop.start();
        activityLoop.start();
        timerLoop.start();
        sweepLoop.start();
        leaseLoop.start();
        try {
            subscription = ctx.store().subscribe(new Hints());
        } catch (RuntimeException e) {
            log.warn("could not subscribe to work hints of the store (polling only): {}", e.toString());
        }
    }

    /** Wakes the loop that claims the hinted work, when this engine serves the queue. */
    private final class Hints implements WorkListener {
        @Override
        public void workflowTasksAvailable(String taskQueue) {
            if (!closed && !ctx.workflows().isEmpty() && ctx.taskQueues().contains(taskQueue)) {
                workflowTaskLoop.wake();
            }
        }

        @Override
        public void activityTasksAvailable(String taskQueue) {
            if (!closed && ctx.runsActivities(taskQueue)) {
                activityLoop.wake();
            }
        }

        @Override
        public void timersChanged() {
            if (!closed) {
                timerLoop.wake();
            }
        }
    }

    /** Claims and processes the pending workflow task of one run at once (after a local commit scheduled it). */
    public void processLocally(String runId) {
        if (closed || ctx.workflows().isEmpty()) {
            return;
        }
        processor.probe().workStarted(); // before the hand-off, so the caller's unit and this one overlap
        Thread.ofVirtual().start(() -> {
            workflowTaskSlots.acquireUninterruptibly();
            try {
                // an input delivered from here (e.g. an async completion) may be for a run this engine cannot run
                Optional<RunRecord> run = ctx.store().findRun(runId);
                if (run.isEmpty() || !ctx.runsWorkflow(run.get().workflowType(), run.get().taskQueue())) {
                    return;
                }
                Optional<WorkflowTaskClaim> claim = ctx.store().claimWorkflowTask(runId, ctx.owner(), ctx.lease());
                claim.ifPresent(processor::process);
            } catch (RuntimeException e) {
                log.warn("workflow task of run {} failed: {}", runId, e.toString());
            } finally {
                workflowTaskSlots.release();
                processor.probe().workFinished();
            }
        });
    }

    private long pollWorkflowTasks() {
        if (ctx.workflows().isEmpty()) {
            return Long.MAX_VALUE / 2;
        }
        int free = workflowTaskSlots.availablePermits();
        if (free == 0) {
            return 50;
        }
        List<WorkflowTaskClaim> claims = ctx.store().claimWorkflowTasks(ctx.taskQueues(), ctx.owner(),
                Math.min(free, CLAIM_BATCH), ctx.lease(), ctx.clock().millis());
        for (WorkflowTaskClaim claim : claims) {
            workflowTaskSlots.acquireUninterruptibly();
            processor.probe().workStarted();
            Thread.ofVirtual().start(() -> {
                try {
                    processor.process(claim);
                } catch (RuntimeException e) {
                    log.warn("workflow task of run {} failed: {}", claim.runId(), e.toString());
                } finally {
                    workflowTaskSlots.release();
                    processor.probe().workFinished();
                }
            });
        }
        return claims.size() == CLAIM_BATCH ? 0 : ctx.pollInterval().toMillis();
    }

    private long pollActivities() {
        if (ctx.activities().isEmpty()) {
            return Long.MAX_VALUE / 2;
        }
        long wait = ctx.pollInterval().toMillis();
        // each queue is claimed with its own free slots, so a busy queue never takes another queue's share
        for (String queue : ctx.activityQueues()) {
            int free = activities.freeSlots(queue);
            if (free == 0) {
                wait = Math.min(wait, 50);
                continue;
            }
            int max = Math.min(free, CLAIM_BATCH);
            List<ActivityTask> tasks = ctx.store().claimActivityTasks(List.of(queue), ctx.owner(), max, ctx.lease(),
                    ctx.clock().millis());
            tasks.forEach(activities::dispatch);
            if (tasks.size() == max) {
                wait = 0;
            }
        }
        return wait;
    }

    private long pollTimers() {
        long now = ctx.clock().millis();
        List<DueTimer> due = ctx.store().dueTimers(now, CLAIM_BATCH);
        for (DueTimer t : due) {
            // a local timer fires itself on time; one due by the engine clock while its local firing is more than the
            // grace away (the engine clock jumped, as a test clock does, or the timer thread lagged) is fired here
            // too; a second firing is a no-op because firing consumes the timer
            Long localAt = localTimerKeys.get(t.runId() + "/" + t.timerId());
            if (localAt == null || Math.abs(System.nanoTime() - localAt) > LOCAL_TIMER_GRACE_NANOS) {
                fire(t.runId(), t.timerId());
            }
        }
        if (due.size() == CLAIM_BATCH) {
            return 0;
        }
        long poll = ctx.pollInterval().toMillis();
        return ctx.store().nextTimerDue().map(at -> Math.max(1, Math.min(poll, at - ctx.clock().millis())))
                .orElse(poll);
    }

    private void scheduleLocalTimer(NewTimer timer) {
        long delay = Math.max(0, timer.fireAt() - ctx.clock().millis());
        String key = timer.runId() + "/" + timer.timerId();
        localTimerKeys.put(key, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay));
        try {
            localTimers.schedule(() -> {
                processor.probe().workStarted();
                Thread.ofVirtual().start(() -> {
                    try {
                        fire(timer.runId(), timer.timerId());
                    } finally {
                        localTimerKeys.remove(key); // fired or failed: from now on polls take care of it
                        processor.probe().workFinished();
                    }
                });
            }, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            localTimerKeys.remove(key); // closing: the timer is durable and will be fired by a poll
        }
    }

    private void fire(String runId, String timerId) {
        if (closed) {
            return;
        }
        if (WorkflowTimeouts.isReserved(timerId)) {
            try {
                processor.timeOut(runId, timerId);
            } catch (RuntimeException e) {
                log.warn("timing out run {} ({}) failed (its timer stays due): {}", runId, timerId, e.toString());
            }
            return;
        }
        if (dev.ratchet.engine.internal.runtime.RunChildren.isEngineTimer(timerId)) {
            try {
                processor.children().fire(runId, timerId);
            } catch (RuntimeException e) {
                log.warn("re-driving {} of run {} failed (it stays due): {}", timerId, runId, e.toString());
            }
            return;
        }
        try {
            processor.deliver(runId, seq -> new HistoryEvent(seq, EventType.TimerFired.name(), ctx.clock().millis(),
                    ctx.config().events().timerFired(timerId)), null, 0, timerId);
        } catch (RuntimeException e) {
            log.warn("firing timer {} of run {} failed (it stays due): {}", timerId, runId, e.toString());
        }
    }

    private long renewLeases() {
        ctx.store().renewLeases(ctx.owner(), ctx.lease());
        return Math.max(10, ctx.lease().toMillis() / 3);
    }

    /** Stops polling (running activities and tasks go on). */
    public void stopPolling() {
        closed = true;
        AutoCloseable s = subscription;
        subscription = null;
        if (s != null) {
            try {
                s.close();
            } catch (Exception e) {
                log.warn("unsubscribing from work hints failed: {}", e.toString());
            }
        }
        workflowTaskLoop.close();
        activityLoop.close();
        timerLoop.close();
        sweepLoop.close();
        localTimers.shutdownNow();
    }

    /** Waits for workflow tasks in progress to settle, up to {@code grace}. */
    public boolean awaitWorkflowTasks(Duration grace) {
        try {
            if (workflowTaskSlots.tryAcquire(MAX_CONCURRENT_WORKFLOW_TASKS, grace.toMillis(), TimeUnit.MILLISECONDS)) {
                workflowTaskSlots.release(MAX_CONCURRENT_WORKFLOW_TASKS);
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public void close() {
        stopPolling();
        leaseLoop.close();
    }
}
