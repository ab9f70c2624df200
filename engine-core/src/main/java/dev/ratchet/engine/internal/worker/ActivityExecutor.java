package dev.ratchet.engine.internal.worker;

import dev.ratchet.engine.store.ActivityTask;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs claimed activity attempts on virtual threads within the engine's concurrency bounds (global and per task
 * queue), and keeps track of them: the sweeper stops an attempt another claim took over, and shutdown flushes their
 * heartbeats and stops them before the engine's claims are released. Running one attempt is {@link AttemptRunner}'s
 * job; recording outcomes is {@link ActivityOutcomes}'. Thread-safe.
 */
public final class ActivityExecutor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ActivityExecutor.class);

    private final QueueSlots slots;
    private final WorkflowTaskProcessor processor;
    private final ActivityOutcomes outcomes;
    private final AttemptRunner runner;
    private final Map<String, Attempt> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = watchdogScheduler();
    private volatile boolean closing;

    /**
     * Creates the executor: at most {@code maxConcurrent} attempts at once in all, and at most
     * {@code maxPerQueue.get(queue)} of a queue (the global maximum for queues not named).
     */
    public ActivityExecutor(WorkerContext ctx, WorkflowTaskProcessor processor, int maxConcurrent,
            Map<String, Integer> maxPerQueue) {
        this.slots = new QueueSlots(maxConcurrent, maxPerQueue);
        this.processor = processor;
        this.outcomes = new ActivityOutcomes(ctx, processor);
        this.runner = new AttemptRunner(ctx, outcomes, scheduler, running, this::recording);
    }

    /**
     * One thread for the attempts' watchdogs and coalesced heartbeats. Why remove on cancel: nearly every watchdog is
     * canceled when its attempt ends, long before its deadline; kept in the queue until then (the default), they
     * would pile up by the thousand, each holding its attempt, and make every schedule slower.
     */
    private static ScheduledExecutorService watchdogScheduler() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("ratchet-activity-watchdog").factory());
        s.setRemoveOnCancelPolicy(true);
        return s;
    }

    /** Where outcomes are recorded (also used by the activity completion client). */
    public ActivityOutcomes outcomes() {
        return outcomes;
    }

    /** Tells the activity poller when a retried attempt becomes due. */
    public void onRetryScheduled(LongConsumer listener) {
        outcomes.onRetryScheduled(listener);
    }

    /** Free slots of a queue: how many more of its attempts the poller may claim. */
    int freeSlots(String queue) {
        return closing ? 0 : slots.free(queue);
    }

    /** Attempts in flight (claimed and not yet settled). */
    public int inFlight() {
        return slots.inFlight();
    }

    /**
     * Runs an attempt on a virtual thread once its queue and the engine have a free slot: a new thread, or the attempt
     * thread whose result recording dispatched it (see {@link #recording}).
     */
    public void dispatch(ActivityTask task) {
        slots.dispatched(task.taskQueue());
        processor.probe().workStarted(); // before the hand-off, so the dispatching unit and the attempt overlap
        Handover h = HANDOVER.get();
        if (h != null && h.owner == this && h.recording && h.next == null) {
            h.next = task;
            return;
        }
        Thread.ofVirtual().name("activity " + task.activityType()).start(() -> runHere(task));
    }

    /**
     * Runs {@code first} on this thread, then any attempt its recording handed over, one after the other.
     *
     * <p>Design note: the workflow task that records an activity's result usually schedules the workflow's next
     * activity, on this engine, right away. Starting a virtual thread for it, only for this one to end, cost a thread
     * start and a wake-up of an idle carrier on the path of every sequential step. So the first attempt dispatched
     * while this thread records a result runs here next (others get threads of their own, so a fan-out still runs in
     * parallel). Only the recording hands over, never the user code of an attempt: an activity that starts a workflow
     * and waits for it would otherwise wait for an attempt queued behind itself. As with any pooled executor, activity
     * code must not leave thread-local state behind for the next attempt; the engine's own (the activity context) is
     * bound and unbound around each attempt.
     */
    private void runHere(ActivityTask first) {
        Handover h = new Handover(this);
        HANDOVER.set(h);
        try {
            ActivityTask task = first;
            while (task != null) {
                runOne(task);
                task = h.next;
                h.next = null;
                if (task != null) {
                    Thread.interrupted(); // an interrupt aimed at the finished attempt must not reach the next one
                    Thread.currentThread().setName("activity " + task.activityType());
                }
            }
        } finally {
            HANDOVER.remove();
        }
    }

    private void runOne(ActivityTask task) {
        String queue = task.taskQueue();
        boolean acquired = false;
        try {
            slots.acquire(queue);
            acquired = true;
            if (!closing) {
                runner.run(task);
            }
        } catch (RuntimeException e) {
            log.warn("could not record the outcome of activity {} of run {}: {}; it will be run again",
                    task.activityId(), task.runId(), e.toString());
            runner.releaseForRetry(task, e);
        } finally {
            slots.finished(queue, acquired);
            processor.probe().workFinished();
        }
    }

    /** Records an attempt's result; an attempt dispatched meanwhile by this thread may be handed over to it. */
    private void recording(Runnable record) {
        Handover h = HANDOVER.get();
        if (h == null || h.owner != this) {
            record.run();
            return;
        }
        h.recording = true;
        try {
            record.run();
        } finally {
            h.recording = false;
        }
    }

    /** An attempt thread's state: whether it is recording a result, and the attempt handed over to it. */
    private static final class Handover {
        final ActivityExecutor owner;
        boolean recording;
        ActivityTask next;

        Handover(ActivityExecutor owner) {
            this.owner = owner;
        }
    }

    private static final ThreadLocal<Handover> HANDOVER = new ThreadLocal<>();

    /**
     * Writes the coalesced heartbeats of attempts running here whose stored deadline is reached by {@code horizon},
     * so a sweep judges their latest beats. Attempts further from their deadline keep coalescing (their delayed
     * flush writes them in time).
     */
    void flushHeartbeats(long horizon) {
        for (Attempt a : running.values()) {
            long deadline = a.deadline();
            if (a.heartbeats.hasPending() && deadline != 0 && deadline <= horizon) {
                try {
                    a.heartbeats.flush();
                } catch (RuntimeException e) {
                    log.debug("heartbeat flush of activity {} failed: {}", a.task.activityId(), e.toString());
                }
            }
        }
    }

    /** A newer claim (a timeout sweep) took this activity over: the attempt running here, if any, stops quietly. */
    void takenOver(ActivityTask claimed) {
        Attempt a = running.get(Attempt.key(claimed.runId(), claimed.activityId()));
        if (a != null && a.task.fence() < claimed.fence() && a.settle()) {
            a.thread.interrupt();
        }
    }

    /** Waits up to {@code grace} for attempts in flight to finish. Returns whether all did. */
    public boolean awaitIdle(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (slots.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return slots.inFlight() == 0;
    }

    /**
     * At shutdown, after the grace period: writes the latest heartbeats of attempts still running and stops them (their
     * outcomes are no longer recorded here), so the engine can release their claims for another engine to retry.
     */
    public void stopUnfinished() {
        closing = true;
        for (Attempt a : running.values()) {
            try {
                a.heartbeats.flush();
            } catch (RuntimeException e) {
                log.debug("heartbeat flush of activity {} failed: {}", a.task.activityId(), e.toString());
            }
            if (a.settle()) {
                a.thread.interrupt();
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        scheduler.shutdownNow();
    }
}
