package dev.ratchet.engine.internal.client;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.RatchetException;
import dev.ratchet.api.RatchetFailure;
import dev.ratchet.api.WorkflowClosedException;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowIdConflictPolicy;
import dev.ratchet.api.WorkflowNotFoundException;
import dev.ratchet.api.WorkflowOptions;
import dev.ratchet.api.WorkflowStatus;
import dev.ratchet.api.WorkflowUpdateException;
import dev.ratchet.engine.internal.codec.Payloads;
import dev.ratchet.engine.internal.definition.MessageHandlers;
import dev.ratchet.engine.internal.definition.WorkflowDefinition;
import dev.ratchet.engine.internal.history.EventType;
import dev.ratchet.engine.internal.history.Events;
import dev.ratchet.engine.internal.history.Failures;
import dev.ratchet.engine.internal.worker.MessageProcessor;
import dev.ratchet.engine.internal.worker.RunStarts;
import dev.ratchet.engine.internal.worker.WorkflowTaskProcessor;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.RunRecord;
import dev.ratchet.engine.store.RunStatus;
import dev.ratchet.engine.store.WorkflowStore;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The client side of signals, queries and updates made by calling handler methods on a workflow stub, and of
 * signalWithStart. Every argument is serialized before anything is written, so bad input changes nothing. Any engine
 * on the store can send all three, whether or not it registers the workflow's type: a signal is stored; a query or an
 * update is handled here if this engine has the workflow's code, else by an engine that has (through the store; see
 * {@code MessageServer}). Thread-safe.
 */
final class MessageClient {
    /** How often signalWithStart retries when the workflow ID changes runs under it (a racing start or close). */
    private static final int SIGNAL_WITH_START_ATTEMPTS = 5;
    /** How many runs in a row a signal or update follows when each closes before the message is recorded. */
    private static final int FOLLOW_ATTEMPTS = 5;

    private final ClientImpl client;
    private final WorkflowStore store;
    private final WorkflowTaskProcessor processor;
    private final MessageProcessor messages;
    private final Payloads payloads;
    private final Events events;
    private final Clock clock;

    MessageClient(ClientImpl client, WorkflowStore store, WorkflowTaskProcessor processor, Payloads payloads,
            Events events, Clock clock) {
        this.client = client;
        this.store = store;
        this.processor = processor;
        this.messages = processor.messages();
        this.payloads = payloads;
        this.events = events;
        this.clock = clock;
    }

    /** Handles a call of a signal, query or update method on a stub. */
    Object call(WorkflowDefinition def, WorkflowOptions options, Method method, Object[] args) {
        Object[] a = args == null ? new Object[0] : args;
        if (SignalCapture.offer(def, options, method, a)) {
            return null;
        }
        client.ensureOpen();
        String name = MessageHandlers.nameOf(method);
        return switch (def.handlers().kindOf(method)) {
            case "signal" -> {
                signal(def, options.workflowId(), name, a);
                yield null;
            }
            case "query" -> query(def, options.workflowId(), method, name, a);
            default -> update(def, options.workflowId(), method, name, a);
        };
    }

    private void signal(WorkflowDefinition def, String workflowId, String name, Object[] args) {
        String input = payloads.writeArgs(args, "input of signal " + name);
        RunRecord run = openRun(def, workflowId);
        for (int attempt = 1; !messages.signal(run.runId(), name, input); attempt++) {
            run = successor(def, workflowId, run, attempt);
        }
    }

    private Object query(WorkflowDefinition def, String workflowId, Method method, String name, Object[] args) {
        // the handler gets copies and the caller a copy: neither can reach the other's objects
        String input = payloads.writeArgs(args, "input of query " + name);
        Object[] copies = payloads.readArgs(input, method.getGenericParameterTypes(), "input of query " + name);
        RunRecord run = findRun(def, workflowId);
        // answered here from the run's state if this engine has the workflow's code, else by an engine that has
        String json = messages.hosts(run.workflowType())
                ? payloads.write(messages.query(run, method, copies, name), "answer of query " + name)
                : messages.queryElsewhere(run, name, input);
        return payloads.read(json, method.getGenericReturnType(), "answer of query " + name);
    }

    private Object update(WorkflowDefinition def, String workflowId, Method method, String name, Object[] args) {
        String input = payloads.writeArgs(args, "input of update " + name);
        Object[] copies = payloads.readArgs(input, method.getGenericParameterTypes(), "input of update " + name);
        RunRecord run = openRun(def, workflowId);
        Optional<Events.Event> done = Optional.empty();
        for (int attempt = 1; done.isEmpty(); attempt++) {
            if (attempt > 1) {
                run = successor(def, workflowId, run, attempt - 1);
            }
            if (run.status() == RunStatus.PARKED) {
                throw new WorkflowUpdateException("workflow " + workflowId + " is parked (" + run.parkedError()
                        + "), so it cannot run update '" + name + "' now; nothing was recorded", true, null);
            }
            done = messages.update(run, name, copies, input);
        }
        Events.Event e = done.get();
        if (e.attrs().has("failure")) {
            RatchetFailure failure = Failures.fromJson(events.mapper(), e.attrs().get("failure"));
            throw new WorkflowUpdateException("update '" + name + "' of workflow " + workflowId + " failed: "
                    + failure.getMessage(), false, failure);
        }
        return payloads.read(e.json("result"), method.getGenericReturnType(), "result of update " + name);
    }

    /**
     * Starts the workflow unless a run with its ID is open, and signals it. A new run records the signal in the same
     * commit as its start, so its code sees the signal in its first workflow task; an open run gets the signal
     * appended. Either way the signal is durable when this returns.
     */
    WorkflowHandle<?> signalWithStart(StartCapture.Call start, SignalCapture.Call signal) {
        client.ensureOpen();
        WorkflowDefinition def = start.definition();
        WorkflowOptions options = start.options();
        if (!signal.options().workflowId().equals(options.workflowId())
                || !signal.definition().type().equals(def.type())) {
            throw new InvalidArgumentException("signalWithStart needs the start and the signal on stubs of the same "
                    + "workflow; the start names " + def.type() + " '" + options.workflowId() + "', the signal "
                    + signal.definition().type() + " '" + signal.options().workflowId() + "'");
        }
        String name = MessageHandlers.nameOf(signal.method());
        String input = payloads.writeArgs(start.args(), "input of workflow " + def.type());
        String signalInput = payloads.writeArgs(signal.args(), "input of signal " + name);
        for (int attempt = 0; attempt < SIGNAL_WITH_START_ATTEMPTS; attempt++) {
            Optional<RunRecord> existing = store.findByWorkflowId(options.workflowId());
            if (existing.isPresent()) {
                RunRecord run = existing.get();
                checkType(def, run);
                // a closed run: start a new one with the signal, if the reuse policy allows (the start decides)
                if (!isClosed(run)) {
                    if (messages.signal(run.runId(), name, signalInput)) {
                        return new HandleImpl<>(client, options.workflowId(), run.runId(), def.resultType(), false);
                    }
                    continue; // it closed meanwhile
                }
            }
            HistoryEvent signalEvent = new HistoryEvent(2, EventType.SignalReceived.name(), clock.millis(),
                    events.signalReceived(name, signalInput));
            RunStarts.Started started = processor.starts().start(def, options.workflowId(), options.taskQueue(),
                    input, WorkflowIdConflictPolicy.USE_EXISTING, options.reusePolicy(), options.executionTimeout(),
                    options.runTimeout(), List.of(signalEvent));
            if (started.created()) {
                return new HandleImpl<>(client, options.workflowId(), started.runId(), def.resultType(),
                        started.runsHere());
            }
            // another start won the ID between the read and our start: signal the run it created
        }
        throw new RatchetException("signalWithStart of workflow '" + options.workflowId() + "' did not settle after "
                + SIGNAL_WITH_START_ATTEMPTS + " attempts: its runs kept starting or closing meanwhile; retry");
    }

    private RunRecord findRun(WorkflowDefinition def, String workflowId) {
        RunRecord run = store.findByWorkflowId(workflowId).orElseThrow(() -> new WorkflowNotFoundException(
                workflowId));
        checkType(def, run);
        return run;
    }

    /**
     * The run to retry a message on after {@code closed}, the run it was meant for, closed before the message was
     * recorded (nothing was). A message goes to its workflow ID's latest run, so when a newer, open run has replaced
     * the closed one (it continued as new, or was started again) the message goes there, as it would have a moment
     * later. Otherwise, or after {@value #FOLLOW_ATTEMPTS} runs in a row closed under it, the workflow is closed.
     */
    private RunRecord successor(WorkflowDefinition def, String workflowId, RunRecord closed, int attempt) {
        RunRecord latest = findRun(def, workflowId);
        if (latest.runId().equals(closed.runId()) || isClosed(latest) || attempt >= FOLLOW_ATTEMPTS) {
            throw closed(workflowId, latest.runId());
        }
        return latest;
    }

    private RunRecord openRun(WorkflowDefinition def, String workflowId) {
        RunRecord run = findRun(def, workflowId);
        if (isClosed(run)) {
            throw closed(workflowId, run.runId());
        }
        return run;
    }

    private static void checkType(WorkflowDefinition def, RunRecord run) {
        if (!run.workflowType().equals(def.type())) {
            throw new InvalidArgumentException("workflow '" + run.workflowId() + "' is of type "
                    + run.workflowType() + ", not " + def.type() + "; use a stub of its own workflow interface");
        }
    }

    private static boolean isClosed(RunRecord run) {
        return WorkflowStatus.valueOf(run.status().name()).isClosed();
    }

    private WorkflowClosedException closed(String workflowId, String runId) {
        WorkflowStatus status = store.findRun(runId).map(r -> WorkflowStatus.valueOf(r.status().name()))
                .orElse(WorkflowStatus.COMPLETED);
        return new WorkflowClosedException(workflowId, runId, status);
    }
}
