package dev.ratchet.engine.internal.worker;

import dev.ratchet.api.NonDeterminismException;
import dev.ratchet.engine.EngineProbe;
import dev.ratchet.engine.internal.definition.WorkflowDefinition;
import dev.ratchet.engine.internal.history.EventType;
import dev.ratchet.engine.internal.history.Events;
import dev.ratchet.engine.internal.runtime.PotentialDeadlockException;
import dev.ratchet.engine.internal.runtime.WorkflowCodeException;
import dev.ratchet.engine.internal.runtime.WorkflowRun;
import dev.ratchet.engine.store.ActivityTask;
import dev.ratchet.engine.store.CommitResult;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.NewActivityTask;
import dev.ratchet.engine.store.NewTimer;
import dev.ratchet.engine.store.RunCommit;
import dev.ratchet.engine.store.WorkflowTaskClaim;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs workflow tasks: processes claimed workflow tasks (replaying history when the run is not cached), closes runs
 * from outside (timeouts, termination), and runs and commits the tasks that starting a run ({@link RunStarts}) and
 * delivering an input ({@link InputDeliveries}) run inline. Every path ends in one {@link RunCommit}.
 * Thread-safe: per-run work is serialized by the run's lock.
 *
 * <p>Design note (the fast path): when an input (activity result, timer) arrives for a run cached here, the next
 * workflow task runs at once and its decisions are committed together with the input, conditioned on the run's
 * sequence number and on no workflow task being pending. If the condition fails, the speculative in-memory state is
 * discarded and the input is appended alone with a pending workflow task, which is then processed from history.
 */
public final class WorkflowTaskProcessor {
    private static final Logger log = LoggerFactory.getLogger(WorkflowTaskProcessor.class);
    private static final int MAX_TASK_ATTEMPTS = 3;
    private static final long RELEASE_DELAY_MS = 5_000;

    private final WorkerContext ctx;
    private final Committer committer;
    private final RunCache cache;
    private final DeadlockRetries deadlocks = new DeadlockRetries();
    private final HistoryGuard history = new HistoryGuard();
    private final ResultWaiters waiters;
    private final TaskCommits commits;
    private final Events events;
    private final UpdateWaiters updateWaiters;
    private final MessageProcessor messages;
    private final ChildDriver children;
    private final InputDeliveries deliveries;
    private final RunStarts starts;
    private Consumer<ActivityTask> activityDispatcher = t -> { };
    private Consumer<NewTimer> timerScheduler = t -> { };
    private Consumer<String> localWorkflowTask = r -> { };
    private volatile EngineProbe probe = new EngineProbe() { };

    /** Creates the processor. */
    public WorkflowTaskProcessor(WorkerContext ctx, Committer committer, RunCache cache, ResultWaiters waiters) {
        this.ctx = ctx;
        this.committer = committer;
        this.cache = cache;
        this.waiters = waiters;
        this.commits = new TaskCommits(ctx);
        this.events = ctx.config().events();
        this.updateWaiters = new UpdateWaiters(events);
        this.messages = new MessageProcessor(ctx, cache, this, updateWaiters);
        this.children = new ChildDriver(ctx, this);
        this.deliveries = new InputDeliveries(ctx, cache, committer, commits, this::runAndCommit);
        this.starts = new RunStarts(ctx, committer, commits, this::runAndCommit, t -> timerScheduler.accept(t),
                () -> probe);
    }

    /** Starts of workflow runs. */
    public RunStarts starts() {
        return starts;
    }

    /** Child workflows and requests to other workflows made by workflow code. */
    public ChildDriver children() {
        return children;
    }

    /** Signals, queries and updates. */
    public MessageProcessor messages() {
        return messages;
    }

    /** Wires the components that react to commits: local activity runs, local timers, local workflow tasks. */
    public void wire(Consumer<ActivityTask> activities, Consumer<NewTimer> timers, Consumer<String> workflowTasks) {
        this.activityDispatcher = activities;
        this.timerScheduler = timers;
        this.localWorkflowTask = workflowTasks;
        deliveries.localWorkflowTask(workflowTasks);
    }

    /** Sets the history limits (before the engine starts working). */
    public void historyLimits(dev.ratchet.engine.HistoryLimits limits) {
        history.limits(limits);
    }

    /** Sets the hooks that observe this engine's work (see {@link EngineProbe}). */
    public void probe(EngineProbe probe) {
        this.probe = probe;
    }

    /** The hooks that observe this engine's work. */
    public EngineProbe probe() {
        return probe;
    }

    /**
     * Delivers an input that arrived from outside workflow code (activity outcome, fired timer). {@code input} builds
     * the event for a given sequence number (0 = assigned by the store). Returns whether it was recorded (false when its
     * precondition failed: the activity fence is stale, the timer already fired, or the run is closed).
     */
    public boolean deliver(String runId, java.util.function.LongFunction<HistoryEvent> input, String activityId,
            long activityFence, String timerId) {
        probe.workStarted();
        try {
            return deliveries.deliver(runId, input, activityId, activityFence, timerId);
        } finally {
            probe.workFinished();
        }
    }

    /**
     * Runs a workflow task at once on {@code run} over {@code input} alone (an event at {@code run.lastSeq() + 1}), and
     * commits it only if the run's history still ends where {@code run} does and no workflow task is pending: so the
     * input meets exactly the state the caller saw. The caller holds the run's lock and has brought {@code run} up to
     * date with the store (cached, or replayed; it is cached once committed and evicted otherwise).
     */
    public CommitResult runInline(WorkflowRun run, HistoryEvent input) {
        probe.workStarted();
        try {
            return runAndCommit(run, TaskCommits.Origin.inline(run.lastSeq() + 1, List.of(), null), List.of(input),
                    ctx.clock().millis());
        } finally {
            probe.workFinished();
        }
    }

    /**
     * A workflow execution or run timeout fired: fails the run for good with a {@link dev.ratchet.api.TimeoutFailure},
     * consuming the reserved timer (so it happens once), whatever the run was doing. Returns whether it was recorded
     * (false when the run closed first).
     */
    public boolean timeOut(String runId, String timerId) {
        probe.workStarted();
        try {
            return timeOutTracked(runId, timerId);
        } finally {
            probe.workFinished();
        }
    }

    private boolean timeOutTracked(String runId, String timerId) {
        long now = ctx.clock().millis();
        String workflowId = ctx.store().findRun(runId).map(dev.ratchet.engine.store.RunRecord::workflowId)
                .orElse(runId);
        dev.ratchet.api.TimeoutFailure failure = new dev.ratchet.api.TimeoutFailure(WorkflowTimeouts.typeOf(timerId),
                WorkflowTimeouts.message(workflowId, timerId));
        HistoryEvent closing = new HistoryEvent(0, EventType.WorkflowFailed.name(), now,
                events.workflowFailed(dev.ratchet.engine.internal.history.Failures.toJson(events.mapper(), failure)));
        return closeFromOutside(runId, timerId, closing, now);
    }

    /**
     * Terminates a run: closes it for good with a WorkflowTerminated event carrying {@code reason}, without running
     * workflow code (so no engine needs its type). Returns false when the run had closed already.
     */
    public boolean terminate(String runId, String reason) {
        long now = ctx.clock().millis();
        HistoryEvent closing = new HistoryEvent(0, EventType.WorkflowTerminated.name(), now,
                events.workflowTerminated(reason, dev.ratchet.engine.internal.history.Failures.toJson(events.mapper(),
                        new dev.ratchet.api.TerminatedFailure("terminated: " + reason))));
        return closeFromOutside(runId, null, closing, now);
    }

    private boolean closeFromOutside(String runId, String timerId, HistoryEvent closing, long now) {
        CommitResult r = committer.commit(commits.close(runId, timerId, closing, now));
        if (!r.isCommitted()) {
            return false; // closed first, or the timer was fired already
        }
        WorkflowRun cached = cache.get(runId);
        if (cached != null) {
            cached.lock().lock();
            try {
                cache.evict(cached); // its next commit would conflict anyway: the run is closed
            } finally {
                cached.lock().unlock();
            }
        }
        waiters.closed(runId, closing);
        children.closed(runId, closing, true);
        return true;
    }

    /** Processes a claimed workflow task, replaying the run from history if it is not cached (or stale). */
    public void process(WorkflowTaskClaim claim) {
        probe.workStarted();
        try {
            for (int attempt = 1; attempt <= MAX_TASK_ATTEMPTS; attempt++) {
                if (processOnce(claim)) {
                    return;
                }
            }
            ctx.store().releaseWorkflowTask(claim.runId(), claim.fence(), ctx.clock().millis());
        } finally {
            probe.workFinished();
        }
    }

    /**
     * A deadlock report the probe can explain (e.g. a test environment naming the blocking call) becomes an error
     * that parks the run at once instead of being retried.
     */
    private RuntimeException explained(RuntimeException e) {
        if (e instanceof PotentialDeadlockException d) {
            String why = probe.explainBlockedWorkflow(d.getStackTrace());
            if (why != null) {
                return new IllegalStateException(why, d);
            }
        }
        return e;
    }

    /** Returns true when the task is settled (committed, parked, released or not ours any more). */
    private boolean processOnce(WorkflowTaskClaim claim) {
        String runId = claim.runId();
        WorkflowRun run = cache.get(runId);
        if (run != null) {
            run.lock().lock();
            try {
                if (!run.isEvicted()) {
                    List<Events.Event> fresh = parse(ctx.store().loadHistory(runId, run.lastSeq() + 1));
                    boolean onlyInputs = fresh.stream().allMatch(e -> e.type().kind() == EventType.Kind.INPUT);
                    if (onlyInputs && !run.isClosed()) {
                        return replayAndCommit(run, claim, fresh);
                    }
                    cache.evict(run); // another engine advanced this run: our copy is stale
                }
            } finally {
                run.lock().unlock();
            }
        }
        List<Events.Event> history = parse(ctx.store().loadHistory(runId, 1));
        if (history.isEmpty() || history.get(0).type() != EventType.WorkflowStarted) {
            log.warn("workflow task for run {} has no history; releasing it", runId);
            ctx.store().releaseWorkflowTask(runId, claim.fence(), ctx.clock().millis() + RELEASE_DELAY_MS);
            return true;
        }
        Events.Event started = history.get(0);
        children.adopt(runId, started);
        String type = started.text("workflowType");
        WorkflowDefinition def = ctx.workflows().get(type);
        if (def == null) {
            // Claimed for a local commit (an activity outcome) of a run that engines of another queue run: hand it
            // over at once. On a queue this engine serves, the delay keeps its own polls from claiming it in a loop.
            boolean ownQueue = ctx.taskQueues().contains(started.text("taskQueue"));
            if (ownQueue) {
                log.warn("workflow type {} of run {} is not registered on this engine; releasing its task", type,
                        runId);
            }
            ctx.store().releaseWorkflowTask(runId, claim.fence(),
                    ctx.clock().millis() + (ownQueue ? RELEASE_DELAY_MS : 0));
            return true;
        }
        WorkflowRun fresh = new WorkflowRun(def, claim.workflowId(), runId, started.text("taskQueue"),
                started.json("input"), started.attrs().path("seed").asLong(), ctx.config());
        fresh.chainTimeouts(started.attrs().path("executionDeadline").asLong(),
                started.attrs().path("runTimeoutMs").asLong());
        fresh.lock().lock();
        try {
            return replayAndCommit(fresh, claim, history);
        } finally {
            fresh.lock().unlock();
        }
    }

    private boolean replayAndCommit(WorkflowRun run, WorkflowTaskClaim claim, List<Events.Event> recorded) {
        long now = ctx.clock().millis();
        try {
            run.replay(recorded);
        } catch (NonDeterminismException | WorkflowCodeException | PotentialDeadlockException caught) {
            RuntimeException e = explained(caught);
            if (e instanceof PotentialDeadlockException d && releaseAfterDeadlock(run, claim.fence(), d)) {
                return true;
            }
            // replay stopped part-way, so the history's end is not known here: append at the end under the fence
            park(run, TaskCommits.Origin.claimed(0, claim.fence()), List.of(), e, now);
            return true;
        }
        TaskCommits.Origin origin = TaskCommits.Origin.claimed(run.lastSeq() + 1, claim.fence());
        CommitResult r = runAndCommit(run, origin, List.of(), now);
        return r.isCommitted() || r.status() != CommitResult.Status.CONFLICT || released(r);
    }

    private static final String RELEASED_AFTER_DEADLOCK = "released after a potential deadlock";

    private static boolean released(CommitResult r) {
        return RELEASED_AFTER_DEADLOCK.equals(r.detail());
    }

    /**
     * A potential deadlock in a claimed task: unless the run has used its retries, evicts it and gives the task back
     * to be claimed again after a delay. Returns whether it did.
     */
    private boolean releaseAfterDeadlock(WorkflowRun run, long fence, PotentialDeadlockException e) {
        String runId = run.info().runId();
        long delay = deadlocks.onDeadlock(runId);
        if (delay < 0) {
            return false;
        }
        cache.evict(run);
        ctx.store().releaseWorkflowTask(runId, fence, ctx.clock().millis() + delay);
        log.warn("workflow {} (run {}): {}; retrying its task in {} ms (it is parked after {} such reports in a"
                + " row)", run.info().workflowId(), runId, e.getMessage(), delay, DeadlockRetries.MAX_RETRIES + 1);
        return true;
    }

    /**
     * Runs the code over {@code inputs} (events not yet stored, or none) and commits. On success the run is cached (or
     * dropped when closed) and the commit's local effects are started; on failure the run is evicted.
     */
    private CommitResult runAndCommit(WorkflowRun run, TaskCommits.Origin origin, List<HistoryEvent> inputs,
            long now) {
        WorkflowRun.TaskResult result;
        try {
            result = run.runLive(parse(inputs), now);
        } catch (WorkflowCodeException | NonDeterminismException | PotentialDeadlockException caught) {
            RuntimeException e = explained(caught);
            if (e instanceof PotentialDeadlockException d && origin.create() == null) {
                // The detector is wall-clock, so a starved CPU can trip it: retry a few times before parking.
                if (origin.workflowTask() == RunCommit.WorkflowTaskChange.COMPLETE) {
                    if (releaseAfterDeadlock(run, origin.fence(), d)) {
                        return CommitResult.conflict(RELEASED_AFTER_DEADLOCK);
                    }
                } else if (deadlocks.onDeadlock(run.info().runId()) >= 0) {
                    cache.evict(run); // an inline task: the caller falls back to storing the input and a task
                    return CommitResult.conflict("potential deadlock in an inline task: " + d.getMessage());
                }
            }
            // Parked, not retried: the run stays visible with the error and resumes when an engine restarts with
            // fixed code. A deadlock report carries the stuck thread's stack trace.
            return park(run, origin, inputs, e, now);
        }
        if (origin.create() != null && continuesAsNew(result)) {
            return startThenContinue(run, origin, inputs);
        }
        TaskCommits.Built built = commits.task(run, origin, inputs, result, now);
        String tooLong = history.exceeded(run.info().workflowId(), run.info().runId(), run.lastSeq(),
                built.commit().events(), result.closed());
        if (tooLong != null) {
            return park(run, origin, inputs, new IllegalStateException(tooLong), now);
        }
        CommitResult r;
        try {
            r = committer.commit(built.commit());
        } catch (RuntimeException e) {
            cache.evict(run);
            throw e;
        }
        if (!r.isCommitted()) {
            cache.evict(run);
            return r;
        }
        List<HistoryEvent> written = built.commit().events();
        run.lastSeq(written.get(written.size() - 1).seq());
        updateWaiters.committed(run.info().runId(), written);
        deadlocks.onProgress(run.info().runId());
        if (result.closed()) {
            cache.evict(run);
            waiters.closed(run.info().runId(), built.closingEvent());
            children.closed(run.info().runId(), built.closingEvent(), run.startedChildren());
        } else {
            cache.put(run);
        }
        afterCommit(built);
        return r;
    }

    private static boolean continuesAsNew(WorkflowRun.TaskResult result) {
        return result.commands().stream().anyMatch(c -> c instanceof dev.ratchet.engine.internal.runtime.Command
                .ContinueAsNew);
    }

    /**
     * A new run whose first task continues as new: a continuation replaces an existing run, so the start is committed
     * alone (with a pending workflow task) and the first task runs again from history, where it continues.
     */
    private CommitResult startThenContinue(WorkflowRun run, TaskCommits.Origin origin, List<HistoryEvent> inputs) {
        cache.evict(run);
        String runId = run.info().runId();
        CommitResult r = committer.commit(commits.append(runId, inputs, null, 0, null, origin.create(),
                origin.startTimers()));
        if (r.isCommitted()) {
            origin.startTimers().forEach(timerScheduler);
            localWorkflowTask.accept(runId);
        }
        return r;
    }

    private CommitResult park(WorkflowRun run, TaskCommits.Origin origin, List<HistoryEvent> inputs,
            RuntimeException cause, long now) {
        cache.evict(run);
        CommitResult r = committer.commit(commits.park(run.info().runId(), origin, inputs, describe(cause), now));
        if (r.isCommitted()) {
            log.error("parked workflow {} (run {}): {}", run.info().workflowId(), run.info().runId(),
                    cause.getMessage(), cause.getCause());
        } else {
            log.warn("workflow {} (run {}) hit \"{}\" but could not be parked ({}); its task will be retried",
                    run.info().workflowId(), run.info().runId(), cause.getMessage(), r.detail());
        }
        return r;
    }

    private void afterCommit(TaskCommits.Built built) {
        children.committed(built.commit().runId(), built.commit().events(), built.closingEvent() != null);
        for (NewActivityTask t : built.localActivities()) {
            activityDispatcher.accept(new ActivityTask(t.runId(), t.workflowId(), t.activityId(), t.activityType(),
                    t.taskQueue(), t.input(), t.options(), 1, 1, false, null, t.scheduledAt(), t.availableAt(),
                    t.availableAt(), 0, null, t.timeouts(), false, false));
        }
        for (NewTimer t : built.commit().timers()) {
            timerScheduler.accept(t);
        }
        RunCommit next = built.commit().continuation();
        if (next != null) {
            // continue-as-new: the next run's timers and first workflow task, here at once like a start
            next.timers().forEach(timerScheduler);
            localWorkflowTask.accept(next.runId());
        }
        for (String activityId : built.canceledActivities()) {
            // Best effort after the commit (the ActivityCancelRequested event is what is durable): if this engine
            // dies first, the activity just runs to its end and the workflow ignores its outcome.
            try {
                ctx.store().requestActivityCancel(built.commit().runId(), activityId);
            } catch (RuntimeException e) {
                log.warn("could not flag activity {} of run {} as canceled: {}", activityId,
                        built.commit().runId(), e.toString());
            }
        }
    }

    private List<Events.Event> parse(List<HistoryEvent> raw) {
        List<Events.Event> out = new ArrayList<>(raw.size());
        for (HistoryEvent e : raw) {
            out.add(events.parse(e));
        }
        return out;
    }

    private static String describe(RuntimeException e) {
        StringBuilder b = new StringBuilder(e.getMessage());
        Throwable cause = e instanceof WorkflowCodeException ? e.getCause() : null;
        if (cause != null) {
            b.append('\n').append(dev.ratchet.engine.internal.history.Failures.stackOf(cause));
        }
        return b.toString();
    }
}
