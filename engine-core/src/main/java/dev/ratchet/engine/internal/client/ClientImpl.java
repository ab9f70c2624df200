package dev.ratchet.engine.internal.client;

import dev.ratchet.api.Functions;
import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.WorkflowClient;
import dev.ratchet.api.WorkflowDescription;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowNotFoundException;
import dev.ratchet.api.WorkflowOptions;
import dev.ratchet.api.WorkflowStatus;
import dev.ratchet.engine.internal.codec.Payloads;
import dev.ratchet.engine.internal.definition.ReturnValues;
import dev.ratchet.engine.internal.definition.WorkflowDefinition;
import dev.ratchet.engine.internal.history.Events;
import dev.ratchet.engine.internal.worker.ActivityOutcomes;
import dev.ratchet.engine.internal.worker.ResultWaiters;
import dev.ratchet.engine.internal.worker.RunStarts;
import dev.ratchet.engine.internal.worker.WorkflowTaskProcessor;
import dev.ratchet.engine.store.RunRecord;
import dev.ratchet.engine.store.WorkflowStore;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The engine's {@link WorkflowClient}. Thread-safe. */
public final class ClientImpl implements WorkflowClient {
    private final WorkflowStore store;
    private final WorkflowTaskProcessor processor;
    private final ResultWaiters waiters;
    private final Payloads payloads;
    private final Events events;
    private final Runnable ensureOpen;
    private final Map<Class<?>, WorkflowDefinition> definitions = new ConcurrentHashMap<>();
    private final ActivityCompletionClientImpl completions;
    private final MessageClient messages;
    private final Clock clock;
    private final RunListing listing;
    private volatile dev.ratchet.engine.HistoryLimits historyLimits = dev.ratchet.engine.HistoryLimits.defaults();

    /** Creates the client; {@code ensureOpen} throws once the engine is closed. */
    public ClientImpl(WorkflowStore store, WorkflowTaskProcessor processor, ActivityOutcomes outcomes, Clock clock,
            ResultWaiters waiters, Payloads payloads, Events events, Runnable ensureOpen) {
        this.completions = new ActivityCompletionClientImpl(store, outcomes, payloads, clock, ensureOpen);
        this.store = store;
        this.processor = processor;
        this.waiters = waiters;
        this.payloads = payloads;
        this.events = events;
        this.ensureOpen = ensureOpen;
        this.messages = new MessageClient(this, store, processor, payloads, events, clock);
        this.clock = clock;
        this.listing = new RunListing(store, this::describe);
    }

    @Override
    public dev.ratchet.api.WorkflowPage list(dev.ratchet.api.WorkflowListQuery query) {
        ensureOpen();
        return listing.list(query);
    }

    @Override
    public java.util.SortedMap<Integer, Long> countOpenRunsByVersion(String workflowType, String changeId) {
        ensureOpen();
        return listing.countOpenRunsByVersion(workflowType, changeId);
    }

    @Override
    public <T> T newWorkflow(Class<T> workflowInterface, String workflowId) {
        return newWorkflow(workflowInterface, WorkflowOptions.of(workflowId));
    }

    @Override
    public <T> T newWorkflow(Class<T> workflowInterface, WorkflowOptions options) {
        ensureOpen();
        InvalidArgumentException.requireNonNull(options, "options");
        WorkflowDefinition def = definitions.computeIfAbsent(workflowInterface, WorkflowDefinition::ofInterface);
        Object proxy = Proxy.newProxyInstance(workflowInterface.getClassLoader(), new Class<?>[] {workflowInterface},
                (self, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "toString" -> "WorkflowStub[" + def.type() + ", " + options.workflowId() + "]";
                            case "hashCode" -> System.identityHashCode(self);
                            case "equals" -> self == args[0];
                            default -> throw new UnsupportedOperationException(method.getName());
                        };
                    }
                    if (!method.equals(def.method()) && def.handlers().kindOf(method) != null) {
                        Object answer = messages.call(def, options, method, args);
                        return answer == null ? ReturnValues.zeroOf(method.getReturnType()) : answer;
                    }
                    if (!method.equals(def.method())) {
                        throw new InvalidArgumentException(method.getName() + " is not the @WorkflowMethod of "
                                + workflowInterface.getName());
                    }
                    if (StartCapture.offer(def, options, args)) {
                        return ReturnValues.zeroOf(method.getReturnType());
                    }
                    Object result = start(new StartCapture.Call(def, options, args == null ? new Object[0] : args))
                            .result();
                    return result == null ? ReturnValues.zeroOf(method.getReturnType()) : result;
                });
        return workflowInterface.cast(proxy);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> WorkflowHandle<R> start(Functions.Func<R> call) {
        InvalidArgumentException.requireNonNull(call, "call");
        return (WorkflowHandle<R>) start(capture(call::apply));
    }

    @Override
    @SuppressWarnings("unchecked")
    public WorkflowHandle<Void> start(Functions.Proc call) {
        InvalidArgumentException.requireNonNull(call, "call");
        return (WorkflowHandle<Void>) start(capture(call));
    }

    @Override
    public <A, R> WorkflowHandle<R> start(Functions.Func1<A, R> method, A argument) {
        InvalidArgumentException.requireNonNull(method, "method");
        return start(() -> method.apply(argument));
    }

    @Override
    public <A> WorkflowHandle<Void> start(Functions.Proc1<A> method, A argument) {
        InvalidArgumentException.requireNonNull(method, "method");
        return start(() -> method.apply(argument));
    }

    private WorkflowHandle<?> start(StartCapture.Call call) {
        ensureOpen();
        WorkflowDefinition def = call.definition();
        WorkflowOptions options = call.options();
        // serialize before anything is written: a bad payload changes nothing
        String input = payloads.writeArgs(call.args(), "input of workflow " + def.type());
        RunStarts.Started started = processor.starts().start(def, options.workflowId(), options.taskQueue(), input,
                options.conflictPolicy(), options.reusePolicy(), options.executionTimeout(), options.runTimeout(),
                java.util.List.of());
        return new HandleImpl<>(this, options.workflowId(), started.runId(), def.resultType(), started.runsHere());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> WorkflowHandle<R> signalWithStart(Functions.Func<R> start, Functions.Proc signal) {
        InvalidArgumentException.requireNonNull(start, "start");
        return (WorkflowHandle<R>) signalWithStart(capture(start::apply), signal);
    }

    @Override
    @SuppressWarnings("unchecked")
    public WorkflowHandle<Void> signalWithStart(Functions.Proc start, Functions.Proc signal) {
        InvalidArgumentException.requireNonNull(start, "start");
        return (WorkflowHandle<Void>) signalWithStart(capture(start), signal);
    }

    private WorkflowHandle<?> signalWithStart(StartCapture.Call start, Functions.Proc signal) {
        InvalidArgumentException.requireNonNull(signal, "signal");
        SignalCapture capture = SignalCapture.begin();
        try {
            signal.apply();
        } catch (RuntimeException e) {
            capture.abandon();
            throw e;
        }
        return messages.signalWithStart(start, capture.end());
    }

    private static StartCapture.Call capture(Functions.Proc call) {
        StartCapture capture = StartCapture.begin();
        try {
            call.apply();
        } catch (RuntimeException e) {
            capture.abandon();
            throw e;
        }
        return capture.end();
    }

    @Override
    public java.util.List<dev.ratchet.api.WorkflowHistoryEvent> fetchHistory(String workflowId) {
        ensureOpen();
        WorkflowOptions.validateId(workflowId, "workflowId");
        RunRecord run = store.findByWorkflowId(workflowId).orElseThrow(() -> new WorkflowNotFoundException(workflowId));
        return store.loadHistory(run.runId(), 1).stream()
                .map(e -> new dev.ratchet.api.WorkflowHistoryEvent(e.seq(), e.type(), Instant.ofEpochMilli(e.time()),
                        e.attributes()))
                .toList();
    }

    @Override
    public <R> WorkflowHandle<R> handle(String workflowId, Class<R> resultType) {
        ensureOpen();
        WorkflowOptions.validateId(workflowId, "workflowId");
        InvalidArgumentException.requireNonNull(resultType, "resultType");
        RunRecord run = store.findByWorkflowId(workflowId).orElseThrow(() -> new WorkflowNotFoundException(workflowId));
        return new HandleImpl<>(this, workflowId, run.runId(), resultType, false);
    }

    @Override
    public dev.ratchet.api.ActivityCompletionClient activityCompletions() {
        ensureOpen();
        return completions;
    }

    @Override
    public WorkflowDescription describe(String workflowId) {
        ensureOpen();
        WorkflowOptions.validateId(workflowId, "workflowId");
        RunRecord run = store.findByWorkflowId(workflowId).orElseThrow(() -> new WorkflowNotFoundException(workflowId));
        return describe(run);
    }

    /** Sets the limits {@code describe} reports against. */
    public void historyLimits(dev.ratchet.engine.HistoryLimits limits) {
        this.historyLimits = limits;
    }

    @Override
    public void cancel(String workflowId) {
        ensureOpen();
        WorkflowOptions.validateId(workflowId, "workflowId");
        cancelRun(store.findByWorkflowId(workflowId).orElseThrow(() -> new WorkflowNotFoundException(workflowId)));
    }

    @Override
    public void terminate(String workflowId, String reason) {
        ensureOpen();
        WorkflowOptions.validateId(workflowId, "workflowId");
        InvalidArgumentException.requireNonBlank(reason, "reason");
        terminateRun(store.findByWorkflowId(workflowId).orElseThrow(() -> new WorkflowNotFoundException(workflowId)),
                reason);
    }

    void cancelRun(String runId) {
        ensureOpen();
        cancelRun(store.findRun(runId).orElseThrow(() -> new WorkflowNotFoundException(runId)));
    }

    void terminateRun(String runId, String reason) {
        ensureOpen();
        InvalidArgumentException.requireNonBlank(reason, "reason");
        terminateRun(store.findRun(runId).orElseThrow(() -> new WorkflowNotFoundException(runId)), reason);
    }

    /** Appends a WorkflowCancelRequested input with a workflow task, like an activity result is delivered. */
    private void cancelRun(RunRecord run) {
        requireOpen(run, "cancel");
        boolean recorded = processor.deliver(run.runId(), seq -> new dev.ratchet.engine.store.HistoryEvent(seq,
                dev.ratchet.engine.internal.history.EventType.WorkflowCancelRequested.name(), clock.millis(),
                events.workflowCancelRequested("client")), null, 0, null);
        if (!recorded) {
            requireOpen(store.findRun(run.runId()).orElse(run), "cancel");
            throw new dev.ratchet.api.RatchetException("the cancel request for workflow " + run.workflowId()
                    + " (run " + run.runId() + ") was not recorded; retry it");
        }
    }

    private void terminateRun(RunRecord run, String reason) {
        requireOpen(run, "terminate");
        if (!processor.terminate(run.runId(), reason)) {
            requireOpen(store.findRun(run.runId()).orElse(run), "terminate");
            throw new dev.ratchet.api.RatchetException("terminating workflow " + run.workflowId() + " (run "
                    + run.runId() + ") was not recorded; retry it");
        }
    }

    private static void requireOpen(RunRecord run, String what) {
        if (WorkflowStatus.valueOf(run.status().name()).isClosed()) {
            throw new InvalidArgumentException("cannot " + what + " workflow " + run.workflowId() + ": its run "
                    + run.runId() + " has already finished (" + run.status() + "); nothing was changed");
        }
    }

    WorkflowDescription describeRun(String runId) {
        ensureOpen();
        return describe(store.findRun(runId).orElseThrow(() -> new WorkflowNotFoundException(runId)));
    }

    private WorkflowDescription describe(RunRecord r) {
        // a run replacing another is a continuation only if that run closed by continuing (else an ID reuse)
        String continuedFrom = r.replacesRunId() == null ? null : store.findRun(r.replacesRunId())
                .filter(previous -> previous.status() == dev.ratchet.engine.store.RunStatus.CONTINUED_AS_NEW)
                .map(RunRecord::runId).orElse(null);
        return new WorkflowDescription(r.workflowId(), r.runId(), r.workflowType(), r.taskQueue(),
                WorkflowStatus.valueOf(r.status().name()), Instant.ofEpochMilli(r.createdAt()),
                r.closedAt() == 0 ? null : Instant.ofEpochMilli(r.closedAt()), r.nextSeq() - 1, r.parkedError(),
                historyLimits.warning(r.nextSeq() - 1), continuedFrom);
    }

    void ensureOpen() {
        ensureOpen.run();
    }

    ResultWaiters waiters() {
        return waiters;
    }

    Payloads payloads() {
        return payloads;
    }

    Events events() {
        return events;
    }
}
