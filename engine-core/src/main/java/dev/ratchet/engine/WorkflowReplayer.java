package dev.ratchet.engine;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.NonDeterminismException;
import dev.ratchet.api.RatchetException;
import dev.ratchet.engine.internal.codec.Payloads;
import dev.ratchet.engine.internal.definition.WorkflowDefinition;
import dev.ratchet.engine.internal.history.EventType;
import dev.ratchet.engine.internal.history.Events;
import dev.ratchet.engine.internal.runtime.RuntimeConfig;
import dev.ratchet.engine.internal.runtime.WorkflowRun;
import dev.ratchet.engine.store.HistoryEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays recorded histories against the current workflow code with the engine's own replay machinery, without a
 * store or an engine: the check to run before a deploy that every history still replays. Thread-safe: each
 * {@link #replay} call replays on its own fresh run.
 */
public final class WorkflowReplayer {
    private final Map<String, WorkflowDefinition> workflows;
    private final RuntimeConfig config;

    private WorkflowReplayer(Map<String, WorkflowDefinition> workflows) {
        this.workflows = workflows;
        Payloads payloads = new Payloads(EngineOptions.defaults().payloadSizeLimit());
        this.config = new RuntimeConfig(payloads, new Events(payloads.mapper()), Duration.ofSeconds(5), false);
    }

    /** A replayer for these workflow implementation classes (validated as {@link Engine.Builder#workflows} does). */
    public static WorkflowReplayer of(Class<?>... implementations) {
        InvalidArgumentException.requireNonNull(implementations, "implementations");
        Map<String, WorkflowDefinition> defs = new LinkedHashMap<>();
        for (Class<?> c : implementations) {
            WorkflowDefinition d = WorkflowDefinition.ofImplementation(c);
            defs.put(d.type(), d);
        }
        return new WorkflowReplayer(Map.copyOf(defs));
    }

    /**
     * Replays one run's history (its events in order, from its {@code WorkflowStarted} event).
     *
     * @throws NonDeterminismException  if the code's commands differ from the history (position, recorded event and
     *                                  the code's new command are in the message)
     * @throws InvalidArgumentException if the history is empty, does not start with {@code WorkflowStarted}, or its
     *                                  workflow type is not among this replayer's classes
     * @throws RatchetException         if the code threw an unexpected exception or blocked during replay
     */
    public void replay(String workflowId, String runId, List<HistoryEvent> history) {
        InvalidArgumentException.requireNonBlank(workflowId, "workflowId");
        InvalidArgumentException.requireNonBlank(runId, "runId");
        InvalidArgumentException.requireNonNull(history, "history");
        List<Events.Event> events = new ArrayList<>(history.size());
        for (HistoryEvent e : history) {
            try {
                events.add(config.events().parse(e));
            } catch (RuntimeException bad) {
                throw new InvalidArgumentException("event " + e.seq() + " of run " + runId + " cannot be read ("
                        + bad.getMessage() + "); pass events as the store recorded them");
            }
        }
        if (events.isEmpty() || events.get(0).type() != EventType.WorkflowStarted) {
            throw new InvalidArgumentException("the history of run " + runId + " must start with a WorkflowStarted "
                    + "event; pass the run's whole history from sequence number 1");
        }
        Events.Event started = events.get(0);
        String type = started.text("workflowType");
        WorkflowDefinition def = workflows.get(type);
        if (def == null) {
            throw new InvalidArgumentException("workflow type '" + type + "' of run " + runId + " is not among the "
                    + "replayer's classes " + workflows.keySet() + "; pass its implementation to WorkflowReplayer.of");
        }
        WorkflowRun run = new WorkflowRun(def, workflowId, runId, started.text("taskQueue"), started.json("input"),
                started.attrs().path("seed").asLong(), config);
        run.lock().lock();
        try {
            run.replay(events);
        } catch (NonDeterminismException e) {
            throw e;
        } catch (RuntimeException e) {
            // the runtime's own exception types are internal: report them as the public base type
            throw new RatchetException("replaying run " + runId + " of workflow '" + workflowId + "' failed: "
                    + e.getMessage(), e);
        } finally {
            run.destroy();
            run.lock().unlock();
        }
    }
}
