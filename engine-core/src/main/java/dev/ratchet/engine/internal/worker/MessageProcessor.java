package dev.ratchet.engine.internal.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ratchet.api.NonDeterminismException;
import dev.ratchet.api.RatchetException;
import dev.ratchet.api.WorkflowQueryException;
import dev.ratchet.api.WorkflowUpdateException;
import dev.ratchet.engine.internal.definition.WorkflowDefinition;
import dev.ratchet.engine.internal.history.EventType;
import dev.ratchet.engine.internal.history.Events;
import dev.ratchet.engine.internal.history.Failures;
import dev.ratchet.engine.internal.runtime.PotentialDeadlockException;
import dev.ratchet.engine.internal.runtime.WorkflowCodeException;
import dev.ratchet.engine.internal.runtime.WorkflowRun;
import dev.ratchet.engine.store.CommitResult;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.RunRecord;
import dev.ratchet.engine.store.RunStatus;
import dev.ratchet.engine.store.WorkflowTaskClaim;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The engine side of signals, queries and updates. Signals are inputs delivered like activity results (stored with a
 * scheduled workflow task, or run at once on a run cached here). Queries run read-only on the run's current state:
 * the cached run when it is up to date with the store, otherwise a copy replayed from history and thrown away, so they
 * never write history. Thread-safe.
 *
 * <p>Design note (updates): validation and acceptance are one step. Under the run's lock, with the run up to date
 * with the store (no input it has not run over, no workflow task pending), the validator runs on the run's state and
 * the acceptance is committed by a workflow task that runs the update's handler at once, on that same state, under the
 * precondition that nothing was appended since (the run's next sequence number, no pending workflow task). If a signal
 * or another update got in first, the commit fails and both steps are done again on the new state; a rejection stands
 * only if the state the validator saw was still the run's latest. An engine that does not register the run's type
 * cannot do this: it sends the update (or a query) through the store as a {@link dev.ratchet.engine.store.MessageRequest}
 * that an engine of the type and task queue claims and answers ({@link MessageServer}); the update's ID is the request's,
 * so an engine taking over a request another one accepted before dying sees the acceptance in history and does not
 * accept it twice.
 */
public final class MessageProcessor {
    /** How often a caller waiting for an update re-reads history (the update may run on another engine). */
    private static final long UPDATE_RECHECK_MS = 500;
    /** How long a query or validator waits for a run's first workflow task, which holds its first state. */
    private static final long FIRST_TASK_WAIT_MS = 5_000;
    private static final long FIRST_TASK_RECHECK_MS = 10;
    /** The longest wait for a workflow task that another engine holds before an update can be accepted. */
    private static final long ACCEPT_TIMEOUT_MS = 30_000;

    private final WorkerContext ctx;
    private final RunCache cache;
    private final WorkflowTaskProcessor processor;
    private final UpdateWaiters updates;
    private final Events events;

    MessageProcessor(WorkerContext ctx, RunCache cache, WorkflowTaskProcessor processor, UpdateWaiters updates) {
        this.ctx = ctx;
        this.cache = cache;
        this.processor = processor;
        this.updates = updates;
        this.events = ctx.config().events();
    }

    /** Records a signal for the run; returns false (nothing recorded) when the run is closed. */
    public boolean signal(String runId, String name, String inputJson) {
        String attrs = events.signalReceived(name, inputJson);
        long now = ctx.clock().millis();
        return processor.deliver(runId, seq -> new HistoryEvent(seq, EventType.SignalReceived.name(), now, attrs),
                null, 0, null);
    }

    /**
     * Answers a query through the store, from an engine that registers the run's type (for an engine that does not).
     *
     * @return the answer's JSON
     */
    public String queryElsewhere(RunRecord run, String name, String inputJson) {
        return MessageServer.sendQuery(ctx, run, name, inputJson);
    }

    /** Whether this engine can run the workflow code of {@code workflowType} (validators, handlers, queries). */
    public boolean hosts(String workflowType) {
        return ctx.workflows().containsKey(workflowType);
    }

    /**
     * Runs a query handler on the run's current state and returns its answer (the caller copies it). This engine must
     * {@linkplain #hosts host} the run's type.
     *
     * @throws WorkflowQueryException when the handler throws or the run cannot be replayed here
     */
    public Object query(RunRecord run, Method handler, Object[] args, String name) {
        try {
            return onCurrentState(run, r -> r.readOnly("query", handler, args));
        } catch (WorkflowQueryException e) {
            throw e;
        } catch (Throwable t) {
            throw new WorkflowQueryException("query '" + name + "' (" + handler.getName() + ") of workflow "
                    + run.workflowId() + " failed: " + t.getMessage(), t);
        }
    }

    /** What became of an update: accepted (recorded), rejected by its validator, or not possible now. */
    public record Acceptance(Kind kind, String message, Throwable cause) {
        /** The kinds of outcome. */
        public enum Kind {
            /** UpdateAccepted is recorded: the handler runs (or ran). */
            ACCEPTED,
            /** The validator threw: nothing was recorded. */
            REJECTED,
            /** The run has closed: nothing was recorded. */
            CLOSED,
            /** The run is parked, or the update could not be validated or accepted now: nothing was recorded. */
            NOT_ACCEPTED
        }

        static Acceptance of(Kind kind, String message) {
            return new Acceptance(kind, message, null);
        }
    }

    /**
     * Sends an update and waits for its UpdateCompleted event: validated and accepted here when this engine hosts the
     * run's type, else by an engine that does, through the store.
     *
     * @return the UpdateCompleted event, or empty when the run was closed before the update could be recorded
     * @throws WorkflowUpdateException when the validator rejects it or it cannot be accepted (nothing recorded), or the
     *                                 run closes or parks before it completes
     */
    public Optional<Events.Event> update(RunRecord run, String name, Object[] args, String inputJson) {
        String updateId = RunIds.next(ctx.clock().millis());
        CompletableFuture<Events.Event> done = updates.register(run.runId(), updateId);
        try {
            Acceptance a = hosts(run.workflowType())
                    ? accept(run.runId(), ctx.workflows().get(run.workflowType()), name, args, inputJson, updateId)
                    : MessageServer.sendUpdate(ctx, run, name, inputJson, updateId);
            switch (a.kind()) {
                case CLOSED -> {
                    return Optional.empty();
                }
                case REJECTED -> throw new WorkflowUpdateException("update '" + name + "' of workflow "
                        + run.workflowId() + " was rejected by its validator: " + a.message()
                        + " (nothing was recorded)", true, a.cause());
                case NOT_ACCEPTED -> throw new WorkflowUpdateException("update '" + name + "' of workflow "
                        + run.workflowId() + " was not accepted: " + a.message() + " (nothing was recorded)", true,
                        a.cause());
                case ACCEPTED -> {
                    return Optional.of(awaitCompletion(run, name, updateId, done));
                }
                default -> throw new IllegalStateException(a.kind().name());
            }
        } finally {
            updates.remove(run.runId(), updateId);
        }
    }

    /**
     * Validates and accepts an update on the run's current state, as one step (see the class note). This engine must
     * {@linkplain #hosts host} the run's type. Accepting an update whose ID the run accepted before changes nothing
     * and reports it accepted.
     */
    Acceptance accept(String runId, WorkflowDefinition def, String name, Object[] args, String inputJson,
            String updateId) {
        Method validator = def.handlers().validators().get(name);
        String attrs = events.updateAccepted(updateId, name, inputJson);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACCEPT_TIMEOUT_MS);
        boolean settle = false;
        for (int attempt = 0; ; attempt++) {
            RunRecord record = ctx.store().findRun(runId).orElse(null);
            if (record == null || record.status().isClosed()) {
                return Acceptance.of(Acceptance.Kind.CLOSED, "the run has closed");
            }
            if (record.status() == RunStatus.PARKED) {
                return Acceptance.of(Acceptance.Kind.NOT_ACCEPTED, "workflow " + record.workflowId() + " is parked ("
                        + record.parkedError() + "), so it cannot run it now");
            }
            if (settle) {
                settlePendingTask(runId);
                record = ctx.store().findRun(runId).orElse(record);
            }
            WorkflowRun run;
            try {
                run = current(record, def);
            } catch (NonDeterminismException | WorkflowCodeException | PotentialDeadlockException e) {
                return Acceptance.of(Acceptance.Kind.NOT_ACCEPTED, "the run's state could not be rebuilt from "
                        + "history: " + e.getMessage());
            }
            if (run != null) {
                Acceptance a = acceptOn(run, validator, args, attrs, updateId);
                if (a != null) {
                    return a;
                }
            }
            settle = true;
            if (System.nanoTime() > deadline) {
                return Acceptance.of(Acceptance.Kind.NOT_ACCEPTED, "the run kept changing or its workflow task was "
                        + "held by another engine for " + ACCEPT_TIMEOUT_MS / 1000 + " s; retry");
            }
            pause(attempt);
        }
    }

    /** One attempt on an up-to-date run; null when the run moved on meanwhile (try again). */
    private Acceptance acceptOn(WorkflowRun run, Method validator, Object[] args, String attrs, String updateId) {
        run.lock().lock();
        try {
            if (run.isEvicted() || run.isClosed()) {
                return null;
            }
            if (run.updateAccepted(updateId)) {
                return Acceptance.of(Acceptance.Kind.ACCEPTED, null);
            }
            if (validator != null) {
                try {
                    run.readOnly("update validator", validator, args);
                } catch (Throwable t) {
                    // the rejection stands only if the validator saw the run's latest state
                    return isCurrent(run) ? new Acceptance(Acceptance.Kind.REJECTED, t.getMessage(), t) : null;
                }
            }
            HistoryEvent accepted = new HistoryEvent(run.lastSeq() + 1, EventType.UpdateAccepted.name(),
                    ctx.clock().millis(), attrs);
            // committed: the processor caches the run; not committed: it evicts it
            CommitResult r = processor.runInline(run, accepted);
            return r.isCommitted() ? Acceptance.of(Acceptance.Kind.ACCEPTED, null) : null;
        } finally {
            if (cache.get(run.info().runId()) != run && !run.isEvicted()) {
                run.destroy(); // a copy replayed for this attempt and not kept
            }
            run.lock().unlock();
        }
    }

    /** Whether the store's history of the run ends where {@code run} does. */
    private boolean isCurrent(WorkflowRun run) {
        return ctx.store().findRun(run.info().runId()).map(r -> r.nextSeq() == run.lastSeq() + 1).orElse(false);
    }

    /**
     * The run as of the end of its stored history with every input run over: the cached run if it is so, else one
     * replayed from history (not cached yet); null when history holds inputs no workflow task has run over (a task is
     * due, which must be settled first).
     */
    private WorkflowRun current(RunRecord record, WorkflowDefinition def) {
        WorkflowRun cached = cache.get(record.runId());
        if (cached != null) {
            cached.lock().lock();
            try {
                if (!cached.isEvicted()) {
                    if (!cached.isClosed() && cached.lastSeq() == record.nextSeq() - 1 && !cached.awaitsTask()) {
                        return cached;
                    }
                    cache.evict(cached); // another engine moved it on: the copy here is stale
                }
            } finally {
                cached.lock().unlock();
            }
        }
        WorkflowRun fresh = replayed(record, def, true);
        if (fresh.awaitsTask()) {
            fresh.destroy();
            return null;
        }
        return fresh;
    }

    /** Runs the run's pending workflow task here, if no other engine holds it. */
    private void settlePendingTask(String runId) {
        Optional<WorkflowTaskClaim> claim = ctx.store().claimWorkflowTask(runId, ctx.owner(), ctx.lease());
        claim.ifPresent(processor::process);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(200, 5L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RatchetException("interrupted while an update waited for its workflow's task", e);
        }
    }

    private Events.Event awaitCompletion(RunRecord run, String name, String updateId,
            CompletableFuture<Events.Event> done) {
        while (true) {
            try {
                return done.get(UPDATE_RECHECK_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // status first, then history: a run that closed after completing the update shows the completion
                Optional<RunRecord> now = ctx.store().findRun(run.runId());
                Optional<Events.Event> completed = findCompletion(run.runId(), updateId);
                if (completed.isPresent()) {
                    return completed.get();
                }
                if (now.isEmpty() || now.get().status().isClosed()) {
                    throw new WorkflowUpdateException("workflow " + run.workflowId() + " closed before update '"
                            + name + "' (accepted, id " + updateId + ") completed", false, null);
                }
                if (now.get().status() == RunStatus.PARKED) {
                    throw new WorkflowUpdateException("workflow " + run.workflowId() + " was parked ("
                            + now.get().parkedError() + ") before update '" + name + "' (accepted, id " + updateId
                            + ") completed; it completes once fixed code resumes the run", false, null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RatchetException("interrupted while waiting for update '" + name + "' of workflow "
                        + run.workflowId() + " (it was accepted and will still run)", e);
            } catch (ExecutionException e) {
                throw new RatchetException("waiting for update '" + name + "' failed", e.getCause());
            }
        }
    }

    private Optional<Events.Event> findCompletion(String runId, String updateId) {
        for (HistoryEvent e : ctx.store().loadHistory(runId, 1)) {
            if (e.type().equals(EventType.UpdateCompleted.name())) {
                Events.Event parsed = events.parse(e);
                if (updateId.equals(parsed.text("updateId"))) {
                    return Optional.of(parsed);
                }
            }
        }
        return Optional.empty();
    }

    private interface ReadOnly {
        Object apply(WorkflowRun run) throws Throwable;
    }

    /**
     * Applies {@code body} to the run's state as of its last workflow task: the cached run if no other engine moved
     * it on, else a replayed copy that is discarded (never cached, so it cannot disturb task processing).
     */
    private Object onCurrentState(RunRecord record, ReadOnly body) throws Throwable {
        WorkflowRun cached = cache.get(record.runId());
        if (cached != null) {
            cached.lock().lock();
            try {
                if (!cached.isEvicted() && !cached.isClosed() && noTaskSince(cached)) {
                    return body.apply(cached);
                }
            } finally {
                cached.lock().unlock();
            }
        }
        WorkflowDefinition def = ctx.workflows().get(record.workflowType());
        if (def == null) {
            throw new WorkflowQueryException("workflow type '" + record.workflowType() + "' is not registered on "
                    + "this engine, which needs its code to rebuild the run's state; query it from an engine that "
                    + "registers it", null);
        }
        WorkflowRun copy;
        try {
            copy = replayed(record, def, false);
        } catch (NonDeterminismException | WorkflowCodeException | PotentialDeadlockException e) {
            throw new WorkflowQueryException("the state of workflow " + record.workflowId() + " could not be "
                    + "rebuilt from history: " + e.getMessage(), e);
        }
        copy.lock().lock();
        try {
            return body.apply(copy);
        } finally {
            copy.lock().unlock();
            copy.destroy();
        }
    }

    /**
     * A copy of the run replayed from its whole history. {@code adopt}: it may be kept (cached), so the engine learns
     * whether it is a child (see {@link ChildDriver#adopt}).
     */
    private WorkflowRun replayed(RunRecord record, WorkflowDefinition def, boolean adopt) {
        List<Events.Event> history = afterFirstTask(record.runId(), ctx.store().loadHistory(record.runId(), 1))
                .stream().map(events::parse).toList();
        if (history.isEmpty()) {
            throw new WorkflowQueryException("run " + record.runId() + " has no history", null);
        }
        Events.Event started = history.get(0);
        if (adopt) {
            processor.children().adopt(record.runId(), started);
        }
        WorkflowRun copy = new WorkflowRun(def, record.workflowId(), record.runId(), started.text("taskQueue"),
                started.json("input"), started.attrs().path("seed").asLong(), ctx.config());
        copy.chainTimeouts(started.attrs().path("executionDeadline").asLong(),
                started.attrs().path("runTimeoutMs").asLong());
        copy.lock().lock();
        try {
            copy.replay(history);
            return copy;
        } catch (RuntimeException e) {
            copy.destroy();
            throw e;
        } finally {
            copy.lock().unlock();
        }
    }

    /**
     * The run's history, once it holds the run's first workflow task if it can: a run that was just started or
     * continued as new has no state to read before that task, which an engine runs at once, so a query waits for it
     * (up to {@link #FIRST_TASK_WAIT_MS}, while the run is open and unparked) rather than failing.
     */
    private List<HistoryEvent> afterFirstTask(String runId, List<HistoryEvent> history) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FIRST_TASK_WAIT_MS);
        List<HistoryEvent> h = history;
        while (h.stream().noneMatch(e -> e.type().equals(EventType.WorkflowTaskCompleted.name()))
                && System.nanoTime() < deadline && ctx.store().findRun(runId)
                        .map(r -> r.status() == RunStatus.RUNNING).orElse(false)) {
            try {
                Thread.sleep(FIRST_TASK_RECHECK_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return h;
            }
            h = ctx.store().loadHistory(runId, 1);
        }
        return h;
    }

    /** Whether the store holds no workflow task of the run after what the cached copy reflects. */
    private boolean noTaskSince(WorkflowRun run) {
        return ctx.store().loadHistory(run.info().runId(), run.lastSeq() + 1).stream()
                .noneMatch(e -> e.type().equals(EventType.WorkflowTaskCompleted.name()));
    }

    /** The JSON form of a failure, for answers sent through the store. */
    ObjectNode failureJson(Throwable t) {
        return Failures.toJson(events.mapper(), t);
    }
}
