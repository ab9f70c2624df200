package dev.ratchet.engine.internal.worker;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.WorkflowIdConflictPolicy;
import dev.ratchet.api.WorkflowIdReusePolicy;
import dev.ratchet.engine.EngineProbe;
import dev.ratchet.engine.internal.definition.WorkflowDefinition;
import dev.ratchet.engine.internal.history.EventType;
import dev.ratchet.engine.internal.history.Events;
import dev.ratchet.engine.internal.runtime.WorkflowRun;
import dev.ratchet.engine.store.CommitResult;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.NewRun;
import dev.ratchet.engine.store.NewTimer;
import dev.ratchet.engine.store.RunCommit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Starts workflow runs: decides by the conflict and reuse policies what a start of a taken workflow ID does, creates
 * the run with its WorkflowStarted event and its workflow timeouts, and runs its first workflow task at once, in the
 * same commit, when this engine serves the run. Thread-safe.
 */
public final class RunStarts {
    private final WorkerContext ctx;
    private final Committer committer;
    private final TaskCommits commits;
    private final Events events;
    private final InlineTask inline;
    private final Consumer<NewTimer> timers;
    private final Supplier<EngineProbe> probe;

    RunStarts(WorkerContext ctx, Committer committer, TaskCommits commits, InlineTask inline, Consumer<NewTimer> timers,
            Supplier<EngineProbe> probe) {
        this.ctx = ctx;
        this.committer = committer;
        this.commits = commits;
        this.events = ctx.config().events();
        this.inline = inline;
        this.timers = timers;
        this.probe = probe;
    }

    private EngineProbe probe() {
        return probe.get();
    }

    /**
     * The outcome of a start: the run that holds the workflow ID, whether this call created it, and whether this
     * engine runs it (so its close will be announced locally).
     */
    public record Started(String runId, boolean created, boolean runsHere) {
    }

    /** Starts a workflow; runs its first workflow task here when this engine serves it. */
    public Started start(WorkflowDefinition def, String workflowId, String taskQueue, String inputJson,
            WorkflowIdConflictPolicy policy, java.time.Duration executionTimeout, java.time.Duration runTimeout) {
        return start(def, workflowId, taskQueue, inputJson, policy, executionTimeout, runTimeout, List.of());
    }

    /**
     * Starts a workflow with further input events recorded in the same commit as its start (signalWithStart), with
     * sequence numbers from 2; they are not recorded when the workflow ID is taken. A closed run of the ID is handed
     * back ({@link WorkflowIdReusePolicy#USE_EXISTING}).
     */
    public Started start(WorkflowDefinition def, String workflowId, String taskQueue, String inputJson,
            WorkflowIdConflictPolicy policy, java.time.Duration executionTimeout, java.time.Duration runTimeout,
            List<HistoryEvent> withStart) {
        return start(def, workflowId, taskQueue, inputJson, policy, WorkflowIdReusePolicy.USE_EXISTING,
                executionTimeout, runTimeout, withStart, null);
    }

    /**
     * Starts a workflow whose WorkflowStarted event also carries {@code extraStarted} (a child's parent). A closed run
     * of the ID is handed back, so a re-driven child start finds the child it started before.
     */
    Started start(WorkflowDefinition def, String workflowId, String taskQueue, String inputJson,
            WorkflowIdConflictPolicy policy, java.time.Duration executionTimeout, java.time.Duration runTimeout,
            List<HistoryEvent> withStart, java.util.function.UnaryOperator<String> extraStarted) {
        return start(def, workflowId, taskQueue, inputJson, policy, WorkflowIdReusePolicy.USE_EXISTING,
                executionTimeout, runTimeout, withStart, extraStarted);
    }

    /**
     * Starts a workflow, deciding by {@code policy} (open run) and {@code reuse} (closed run) what to do when its ID
     * already has a run; {@code withStart} as above.
     */
    public Started start(WorkflowDefinition def, String workflowId, String taskQueue, String inputJson,
            WorkflowIdConflictPolicy policy, WorkflowIdReusePolicy reuse, java.time.Duration executionTimeout,
            java.time.Duration runTimeout, List<HistoryEvent> withStart) {
        return start(def, workflowId, taskQueue, inputJson, policy, reuse, executionTimeout, runTimeout, withStart,
                null);
    }

    private Started start(WorkflowDefinition def, String workflowId, String taskQueue, String inputJson,
            WorkflowIdConflictPolicy policy, WorkflowIdReusePolicy reuse, java.time.Duration executionTimeout,
            java.time.Duration runTimeout, List<HistoryEvent> withStart,
            java.util.function.UnaryOperator<String> extraStarted) {
        probe().workStarted();
        try {
            if (ctx.taskQueues().contains(taskQueue) && !ctx.workflows().isEmpty()
                    && !ctx.workflows().containsKey(def.type())) {
                throw new InvalidArgumentException("workflow type '" + def.type() + "' is not registered on this "
                        + "engine, which runs task queue '" + taskQueue + "'; register its implementation with "
                        + "Engine.builder().workflows(...), or start it on a task queue whose engines register it");
            }
            String runId = RunIds.next(ctx.clock().millis());
            String replaces = null;
            for (int attempt = 1; ; attempt++) {
                NewRun create = new NewRun(workflowId, def.type(), taskQueue, ctx.clock().millis(), replaces);
                Started started = createRun(def, runId, create, inputJson, executionTimeout, runTimeout, withStart,
                        extraStarted);
                if (started.runId() != null) {
                    return started;
                }
                // The ID has another run (or the one we meant to replace was replaced meanwhile): decide again.
                dev.ratchet.engine.store.RunRecord existing = ctx.store().findByWorkflowId(workflowId).orElse(null);
                if (existing == null || attempt >= START_ATTEMPTS) {
                    throw new dev.ratchet.api.RatchetException("start of workflow '" + workflowId + "' did not "
                            + "settle after " + attempt + " attempts: its runs kept starting meanwhile; retry");
                }
                if (IdReuse.decide(existing, policy, reuse) == IdReuse.Decision.USE_EXISTING) {
                    return new Started(existing.runId(), false, false);
                }
                replaces = existing.runId();
            }
        } finally {
            probe().workFinished();
        }
    }

    private static final int START_ATTEMPTS = 5;

    /** One attempt to create the run; a Started with a null run ID when the workflow ID is taken. */
    private Started createRun(WorkflowDefinition def, String runId, NewRun create, String inputJson,
            java.time.Duration executionTimeout, java.time.Duration runTimeout, List<HistoryEvent> withStart,
            java.util.function.UnaryOperator<String> extraStarted) {
        long now = create.createdAt();
        String workflowId = create.workflowId();
        String taskQueue = create.taskQueue();
        long seed = ThreadLocalRandom.current().nextLong();
        long executionDeadline = executionTimeout == null ? 0 : now + executionTimeout.toMillis();
        long runTimeoutMillis = runTimeout == null ? 0 : runTimeout.toMillis();
        String startedAttrs = events.workflowStarted(def.type(), taskQueue, inputJson, seed, executionDeadline,
                runTimeoutMillis);
        HistoryEvent started = new HistoryEvent(1, EventType.WorkflowStarted.name(), now,
                extraStarted == null ? startedAttrs : extraStarted.apply(startedAttrs));
        // the workflow timeouts are durable timers committed with the start, so no engine can miss them
        List<NewTimer> timeouts = WorkflowTimeouts.timers(runId, now, executionTimeout, runTimeout);
        CommitResult result;
        boolean runsHere = ctx.runsWorkflow(def.type(), taskQueue);
        if (runsHere) {
            WorkflowRun run = new WorkflowRun(ctx.workflows().get(def.type()), workflowId, runId, taskQueue,
                    inputJson, seed, ctx.config());
            run.chainTimeouts(executionDeadline, runTimeoutMillis);
            run.lock().lock();
            try {
                TaskCommits.Origin origin = new TaskCommits.Origin(create, 1, RunCommit.WorkflowTaskChange.NONE, 0,
                        List.of(), null, timeouts);
                result = inline.run(run, origin, concat(started, withStart), now);
            } finally {
                run.lock().unlock();
            }
        } else {
            result = committer.commit(commits.append(runId, concat(started, withStart), null, 0, null, create,
                    timeouts));
            if (result.isCommitted()) {
                timeouts.forEach(timers);
            }
        }
        return switch (result.status()) {
            case COMMITTED -> new Started(runId, true, runsHere);
            // our own create, re-sent after its acknowledgement was lost, did commit
            case DUPLICATE_ID -> runId.equals(result.existingRunId()) ? new Started(runId, true, runsHere)
                    : new Started(null, false, false);
            case CONFLICT -> {
                if (create.replacesRunId() != null) {
                    yield new Started(null, false, false);
                }
                throw new IllegalStateException("start of " + workflowId + " conflicted: " + result.detail());
            }
        };
    }

    private static List<HistoryEvent> concat(HistoryEvent first, List<HistoryEvent> rest) {
        List<HistoryEvent> all = new ArrayList<>(1 + rest.size());
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
