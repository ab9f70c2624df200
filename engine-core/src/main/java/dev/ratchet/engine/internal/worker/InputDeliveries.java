package dev.ratchet.engine.internal.worker;

import dev.ratchet.engine.internal.runtime.WorkflowRun;
import dev.ratchet.engine.store.CommitResult;
import dev.ratchet.engine.store.CompletedActivity;
import dev.ratchet.engine.store.HistoryEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers inputs that arrive from outside workflow code (activity outcomes, children started and closed, fired timers,
 * cancel requests) to their runs. Thread-safe.
 *
 * <p>Design note (batching): an input for a run cached here runs the run's next workflow task inline and commits it
 * together with the input (see {@link WorkflowTaskProcessor}). Activity outcomes of one run that arrive while that
 * commit is in flight queue up in the run's inbox; whichever of their threads gets the run's lock next takes the whole
 * inbox and records it as one workflow task and one commit, completing each queued delivery, so the others find
 * theirs settled when they get the lock. A fan-out of a hundred activities (or child workflows starting) then costs a
 * handful of commits rather than a hundred commits in a row. Inputs that consume a timer (fired timers, child closes)
 * are recorded one per commit: a commit fires at most one timer. Every delivering thread drains the inbox it put its
 * input in, so no input waits on a thread that does not know of it. Inputs the run does not await, and a batch whose
 * conditioned commit fails, are appended one by one with a pending workflow task, each under its own precondition.
 */
final class InputDeliveries {
    private static final Logger log = LoggerFactory.getLogger(InputDeliveries.class);

    /** One input on its way: what to record and, once settled, whether it was. */
    private static final class Delivery {
        final LongFunction<HistoryEvent> event;
        final String activityId;
        final long fence;
        volatile boolean settled;
        volatile boolean recorded;
        /** Why the store could not record it (its owner throws it, as if it had written the input itself). */
        volatile RuntimeException failure;

        Delivery(LongFunction<HistoryEvent> event, String activityId, long fence) {
            this.event = event;
            this.activityId = activityId;
            this.fence = fence;
        }

        void settle(boolean recorded) {
            this.recorded = recorded;
            this.settled = true;
        }

        void fail(RuntimeException e) {
            this.failure = e;
            this.settled = true;
        }
    }

    private final WorkerContext ctx;
    private final RunCache cache;
    private final Committer committer;
    private final TaskCommits commits;
    private final InlineTask inline;
    /**
     * Per run instance, not per run ID: an evicted instance and its replacement have different locks, and an inbox must
     * only be drained under the lock its deliverers wait for, or one could find its input taken but not yet settled.
     */
    private final ConcurrentHashMap<WorkflowRun, Queue<Delivery>> inboxes = new ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<String> localWorkflowTask = r -> { };

    InputDeliveries(WorkerContext ctx, RunCache cache, Committer committer, TaskCommits commits, InlineTask inline) {
        this.ctx = ctx;
        this.cache = cache;
        this.committer = committer;
        this.commits = commits;
        this.inline = inline;
    }

    /** Where a run whose input was appended gets its workflow task run (this engine's workflow task queue). */
    void localWorkflowTask(java.util.function.Consumer<String> consumer) {
        this.localWorkflowTask = consumer;
    }

    /** See {@link WorkflowTaskProcessor#deliver}. */
    boolean deliver(String runId, LongFunction<HistoryEvent> input, String activityId, long activityFence,
            String timerId) {
        WorkflowRun run = cache.get(runId);
        if (run == null) {
            return append(runId, input, activityId, activityFence, timerId);
        }
        if (timerId != null) {
            return deliverAlone(run, input, activityId, activityFence, timerId);
        }
        Delivery mine = new Delivery(input, activityId, activityFence);
        Queue<Delivery> inbox = inboxes.computeIfAbsent(run, r -> new ConcurrentLinkedQueue<>());
        inbox.add(mine);
        run.lock().lock();
        try {
            if (!mine.settled) {
                recordBatch(run, drain(run, inbox));
            }
        } finally {
            run.lock().unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.recorded;
    }

    private List<Delivery> drain(WorkflowRun run, Queue<Delivery> inbox) {
        List<Delivery> batch = new ArrayList<>();
        for (Delivery d = inbox.poll(); d != null; d = inbox.poll()) {
            batch.add(d);
        }
        // A delivery added after the poll keeps its own reference to this inbox and drains it itself.
        inboxes.remove(run, inbox);
        return batch;
    }

    /**
     * Records a drained batch; the caller holds the run's lock. Every delivery of the batch is settled on return: a
     * store failure settles the ones not yet recorded with that failure, so each owner reacts as to its own write.
     */
    private void recordBatch(WorkflowRun run, List<Delivery> batch) {
        try {
            recordDrained(run, batch);
        } catch (RuntimeException e) {
            batch.stream().filter(d -> !d.settled).forEach(d -> d.fail(e));
        }
    }

    private void recordDrained(WorkflowRun run, List<Delivery> batch) {
        String runId = run.info().runId();
        List<Delivery> together = new ArrayList<>(batch.size());
        if (!run.isEvicted() && !run.isClosed()) {
            Set<String> ids = new HashSet<>();
            for (Delivery d : batch) {
                // An input of no activity (a child started, a cancel request) is always awaited; a second outcome for
                // one activity (a timeout racing a completion) cannot share the commit.
                if (d.activityId == null || (run.awaitsActivity(d.activityId) && ids.add(d.activityId))) {
                    together.add(d);
                }
            }
        }
        if (!together.isEmpty()) {
            long first = run.lastSeq() + 1;
            List<HistoryEvent> inputs = new ArrayList<>(together.size());
            List<CompletedActivity> done = new ArrayList<>(together.size());
            for (Delivery d : together) {
                inputs.add(d.event.apply(first + inputs.size()));
                if (d.activityId != null) {
                    done.add(new CompletedActivity(d.activityId, d.fence));
                }
            }
            CommitResult r = inline.run(run, TaskCommits.Origin.inline(first, done, null), inputs,
                    ctx.clock().millis());
            if (r.isCommitted()) {
                together.forEach(d -> d.settle(true));
            } else {
                log.debug("inline workflow task of run {} over {} input(s) not committed ({}); appending them",
                        runId, together.size(), r.detail());
            }
        }
        for (Delivery d : batch) {
            if (!d.settled) {
                d.settle(append(runId, d.event, d.activityId, d.fence, null));
            }
        }
    }

    /** A fired timer (or an input that consumes one, such as a child's close): its own inline task, as one input. */
    private boolean deliverAlone(WorkflowRun run, LongFunction<HistoryEvent> input, String activityId,
            long activityFence, String timerId) {
        String runId = run.info().runId();
        run.lock().lock();
        try {
            if (!run.isEvicted() && !run.isClosed() && run.awaitsTimer(timerId)) {
                long first = run.lastSeq() + 1;
                List<CompletedActivity> done = activityId == null ? List.of()
                        : List.of(new CompletedActivity(activityId, activityFence));
                CommitResult r = inline.run(run, TaskCommits.Origin.inline(first, done, timerId),
                        List.of(input.apply(first)), ctx.clock().millis());
                if (r.isCommitted()) {
                    return true;
                }
                log.debug("inline workflow task of run {} not committed ({}); appending the input", runId,
                        r.detail());
            }
        } finally {
            run.lock().unlock();
        }
        return append(runId, input, activityId, activityFence, timerId);
    }

    /** Appends the input alone with a pending workflow task; false when its precondition failed. */
    private boolean append(String runId, LongFunction<HistoryEvent> input, String activityId, long activityFence,
            String timerId) {
        CommitResult r = committer.commit(commits.append(runId, List.of(input.apply(0)), activityId, activityFence,
                timerId, null, List.of()));
        if (r.isCommitted()) {
            localWorkflowTask.accept(runId);
            return true;
        }
        log.debug("input for run {} dropped: {}", runId, r.detail());
        return false;
    }
}
