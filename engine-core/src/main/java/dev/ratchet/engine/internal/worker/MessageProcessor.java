package dev.ratchet.engine.internal.worker;

import dev.ratchet.api.NonDeterminismException;
import dev.ratchet.api.RatchetException;
import dev.ratchet.api.WorkflowQueryException;
import dev.ratchet.api.WorkflowUpdateException;
import dev.ratchet.engine.internal.definition.WorkflowDefinition;
import dev.ratchet.engine.internal.history.EventType;
import dev.ratchet.engine.internal.history.Events;
import dev.ratchet.engine.internal.runtime.PotentialDeadlockException;
import dev.ratchet.engine.internal.runtime.WorkflowCodeException;
import dev.ratchet.engine.internal.runtime.WorkflowRun;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.RunRecord;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The engine side of signals, queries and updates. Signals and accepted updates are inputs delivered like activity
 * results (stored with a scheduled workflow task, or run at once on a run cached here). Queries and update validators
 * run read-only on the run's current state: the cached run when it is up to date with the store, otherwise a copy
 * replayed from history and thrown away, so they never write history. Thread-safe.
 */
public final class MessageProcessor {
    /** How often a caller waiting for an update re-reads history (the update may run on another engine). */
    private static final long UPDATE_RECHECK_MS = 500;

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
     * Runs a query handler on the run's current state and returns its answer (the caller copies it).
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

    /**
     * Validates, records and runs an update, and waits for its UpdateCompleted event.
     *
     * @return the UpdateCompleted event, or empty when the run was closed before the update could be recorded
     * @throws WorkflowUpdateException when the validator rejects it (nothing recorded) or the run closes first
     */
    public Optional<Events.Event> update(RunRecord run, String name, Method validator, Object[] args,
            String inputJson) {
        if (!ctx.workflows().containsKey(run.workflowType())) {
            throw new WorkflowUpdateException("updates run on an engine that registers the workflow's type, and "
                    + "this engine does not register '" + run.workflowType() + "'; send the update from an engine "
                    + "that runs it (nothing was recorded)", true, null);
        }
        if (validator != null) {
            try {
                onCurrentState(run, r -> r.readOnly("update validator", validator, args));
            } catch (WorkflowQueryException e) {
                throw new WorkflowUpdateException("update '" + name + "' of workflow " + run.workflowId()
                        + " could not be validated: " + e.getMessage() + " (nothing was recorded)", true,
                        e.getCause());
            } catch (Throwable t) {
                throw new WorkflowUpdateException("update '" + name + "' of workflow " + run.workflowId()
                        + " was rejected by its validator: " + t.getMessage() + " (nothing was recorded)", true, t);
            }
        }
        String updateId = UUID.randomUUID().toString();
        String attrs = events.updateAccepted(updateId, name, inputJson);
        CompletableFuture<Events.Event> done = updates.register(run.runId(), updateId);
        try {
            long now = ctx.clock().millis();
            if (!processor.deliver(run.runId(), seq -> new HistoryEvent(seq, EventType.UpdateAccepted.name(), now,
                    attrs), null, 0, null)) {
                return Optional.empty();
            }
            return Optional.of(awaitCompletion(run, name, updateId, done));
        } finally {
            updates.remove(run.runId(), updateId);
        }
    }

    private Events.Event awaitCompletion(RunRecord run, String name, String updateId,
            CompletableFuture<Events.Event> done) {
        while (true) {
            try {
                return done.get(UPDATE_RECHECK_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // status first, then history: a run that closed after completing the update shows the completion
                boolean closed = ctx.store().findRun(run.runId()).map(r -> r.status().isClosed()).orElse(true);
                Optional<Events.Event> completed = findCompletion(run.runId(), updateId);
                if (completed.isPresent()) {
                    return completed.get();
                }
                if (closed) {
                    throw new WorkflowUpdateException("workflow " + run.workflowId() + " closed before update '"
                            + name + "' (accepted, id " + updateId + ") completed", false, null);
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
        List<Events.Event> history = ctx.store().loadHistory(record.runId(), 1).stream().map(events::parse)
                .toList();
        if (history.isEmpty()) {
            throw new WorkflowQueryException("run " + record.runId() + " has no history", null);
        }
        Events.Event started = history.get(0);
        WorkflowRun copy = new WorkflowRun(def, record.workflowId(), record.runId(), started.text("taskQueue"),
                started.json("input"), started.attrs().path("seed").asLong(), ctx.config());
        copy.lock().lock();
        try {
            try {
                copy.replay(history);
            } catch (NonDeterminismException | WorkflowCodeException | PotentialDeadlockException e) {
                throw new WorkflowQueryException("the state of workflow " + record.workflowId() + " could not be "
                        + "rebuilt from history: " + e.getMessage(), e);
            }
            return body.apply(copy);
        } finally {
            copy.lock().unlock();
            copy.destroy();
        }
    }

    /** Whether the store holds no workflow task of the run after what the cached copy reflects. */
    private boolean noTaskSince(WorkflowRun run) {
        return ctx.store().loadHistory(run.info().runId(), run.lastSeq() + 1).stream()
                .noneMatch(e -> e.type().equals(EventType.WorkflowTaskCompleted.name()));
    }
}
