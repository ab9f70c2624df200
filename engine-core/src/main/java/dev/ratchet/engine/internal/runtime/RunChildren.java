package dev.ratchet.engine.internal.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.ratchet.api.ChildWorkflowFailure;
import dev.ratchet.api.ChildWorkflowOptions;
import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.Promise;
import dev.ratchet.api.RatchetFailure;
import dev.ratchet.engine.internal.definition.MessageHandlers;
import dev.ratchet.engine.internal.definition.ReturnValues;
import dev.ratchet.engine.internal.definition.WorkflowDefinition;
import dev.ratchet.engine.internal.history.EventType;
import dev.ratchet.engine.internal.history.Events;
import dev.ratchet.engine.internal.history.Failures;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A run's child workflows and its requests to other workflows (signal, cancel), from the workflow code's side: stubs,
 * the commands they issue, and the promises the engine's inputs (ChildWorkflowStarted/Completed/Failed,
 * ExternalRequestDone) complete. Duplicate or unknown inputs are ignored, so the engine may deliver an outcome twice
 * (a live notification racing a watch timer) without harm: the first one in history wins, on replay too. Confined
 * like the run's other state.
 */
public final class RunChildren {
    /** Prefix of the timer that watches a child until its close is recorded ({@code $child:<commandId>:a|b}). */
    public static final String CHILD_TIMER_PREFIX = "$child:";
    /** Prefix of the timer that re-drives a signal or cancel request until it is done ({@code $ext:<commandId>}). */
    public static final String EXTERNAL_TIMER_PREFIX = "$ext:";

    private static final ClassValue<WorkflowDefinition> DEFINITIONS = new ClassValue<>() {
        @Override
        protected WorkflowDefinition computeValue(Class<?> type) {
            return WorkflowDefinition.ofInterface(type);
        }
    };

    private final WorkflowRun run;
    private final Map<String, Pending> children = new HashMap<>();
    private boolean startedAny;
    private final Map<String, RunPromise<Object>> requests = new HashMap<>();
    /**
     * The started-promise of the child each stub started last, for {@code Workflow.childStarted}; one asked for before
     * the stub started a child (its Async thread has not run yet) is in {@link #unbound} and goes to the next child.
     */
    private final Map<Object, RunPromise<String>> lastStarted = new IdentityHashMap<>();
    private final java.util.Set<RunPromise<String>> unbound = java.util.Collections.newSetFromMap(
            new IdentityHashMap<>());

    private record Pending(String workflowId, String workflowType, Type resultType, RunPromise<String> started,
            RunPromise<Object> result, dev.ratchet.api.ParentClosePolicy policy) {
    }

    RunChildren(WorkflowRun run) {
        this.run = run;
    }

    /** Whether the code started any child workflow in this run (on replay too). */
    boolean any() {
        return startedAny;
    }

    /**
     * Whether a child whose close this run has not seen would be stopped by its parent-close policy (TERMINATE or
     * REQUEST_CANCEL) if the run closed now.
     */
    boolean anyOpenUnderClosePolicy() {
        return children.values().stream().anyMatch(p -> p.policy() != dev.ratchet.api.ParentClosePolicy.ABANDON);
    }

    /** Whether a timer ID is one of the engine's child or external-request timers (never seen by workflow code). */
    public static boolean isEngineTimer(String timerId) {
        return timerId.startsWith(CHILD_TIMER_PREFIX) || timerId.startsWith(EXTERNAL_TIMER_PREFIX);
    }

    /** A child stub (see {@code Workflow.newChildWorkflowStub}). */
    <T> T newChildStub(Class<T> iface, ChildWorkflowOptions options) {
        InvalidArgumentException.requireNonNull(options, "options");
        WorkflowDefinition def = DEFINITIONS.get(InvalidArgumentException.requireNonNull(iface, "workflowInterface"));
        Object[] self = new Object[1];
        Object proxy = Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, (p, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(p, method, args, "ChildWorkflowStub[" + def.type() + "]");
            }
            Object[] a = args == null ? new Object[0] : args;
            if (method.equals(def.method())) {
                Object value = start(self[0], def, options, a).get();
                return value == null ? ReturnValues.zeroOf(method.getReturnType()) : value;
            }
            String childId = options.workflowId();
            if (childId == null) {
                throw new InvalidArgumentException("this child stub of " + def.type() + " has no chosen workflow ID, "
                        + "so it cannot address the child for " + method.getName() + "; set one with "
                        + "ChildWorkflowOptions.withWorkflowId, or use Workflow.newExternalWorkflowStub");
            }
            return external(def, childId, method, a);
        });
        self[0] = proxy;
        return iface.cast(proxy);
    }

    /** A stub of another workflow whose signal methods signal it (see {@code Workflow.newExternalWorkflowStub}). */
    <T> T newExternalStub(Class<T> iface, String workflowId) {
        WorkflowDefinition def = DEFINITIONS.get(InvalidArgumentException.requireNonNull(iface, "workflowInterface"));
        dev.ratchet.api.WorkflowOptions.validateId(workflowId, "workflowId");
        Object proxy = Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface},
                (p, method, args) -> method.getDeclaringClass() == Object.class
                        ? objectMethod(p, method, args, "ExternalWorkflowStub[" + def.type() + ", " + workflowId + "]")
                        : external(def, workflowId, method, args == null ? new Object[0] : args));
        return iface.cast(proxy);
    }

    private static Object objectMethod(Object self, Method method, Object[] args, String name) {
        return switch (method.getName()) {
            case "toString" -> name;
            case "hashCode" -> System.identityHashCode(self);
            case "equals" -> self == args[0];
            default -> throw new UnsupportedOperationException(method.getName());
        };
    }

    private Object external(WorkflowDefinition def, String workflowId, Method method, Object[] args) {
        if (!"signal".equals(def.handlers().kindOf(method))) {
            throw new InvalidArgumentException(method.getName() + " of " + def.iface().getName() + " is not a "
                    + "@SignalMethod; from workflow code another workflow can only be signaled (or canceled with "
                    + "Workflow.cancelExternal)");
        }
        String name = MessageHandlers.nameOf(method);
        String input = run.config().payloads().writeArgs(args, "input of signal " + name);
        ObjectNode attrs = attributes(EventType.ExternalSignalInitiated, workflowId);
        attrs.put("signalName", name);
        attrs.putRawValue("input", new RawValue(input));
        request(EventType.ExternalSignalInitiated, workflowId, attrs).get();
        return null;
    }

    /** Asks another workflow to cancel (see {@code Workflow.cancelExternal}). */
    @SuppressWarnings("unchecked")
    Promise<Void> cancelExternal(String workflowId) {
        dev.ratchet.api.WorkflowOptions.validateId(workflowId, "workflowId");
        return (Promise<Void>) (Promise<?>) request(EventType.ExternalCancelInitiated, workflowId,
                attributes(EventType.ExternalCancelInitiated, workflowId));
    }

    private ObjectNode attributes(EventType type, String workflowId) {
        ObjectNode attrs = run.config().events().mapper().createObjectNode();
        attrs.put("workflowId", workflowId);
        return attrs;
    }

    private RunPromise<Object> request(EventType type, String workflowId, ObjectNode attrs) {
        String id = run.nextCommandId();
        attrs.put("commandId", id);
        RunPromise<Object> promise = new RunPromise<>(run);
        run.issue(new Command.ExternalRequest(type, id, workflowId, attrs, run.location()));
        requests.put(id, promise);
        return promise;
    }

    /** The started-promise of the child {@code stub} started last, or of the next one if it started none yet. */
    Promise<String> started(Object stub) {
        InvalidArgumentException.requireNonNull(stub, "childStub");
        if (!Proxy.isProxyClass(stub.getClass()) || !String.valueOf(stub).startsWith("ChildWorkflowStub[")) {
            throw new InvalidArgumentException(stub + " is not a child workflow stub; pass a stub made by "
                    + "Workflow.newChildWorkflowStub");
        }
        return lastStarted.computeIfAbsent(stub, k -> {
            RunPromise<String> p = new RunPromise<>(run);
            unbound.add(p);
            return p;
        });
    }

    private RunPromise<Object> start(Object stub, WorkflowDefinition def, ChildWorkflowOptions options,
            Object[] args) {
        String input = run.config().payloads().writeArgs(args, "input of child workflow " + def.type());
        String id = run.nextCommandId();
        String workflowId = options.workflowId() != null ? options.workflowId()
                : run.info().workflowId() + "/" + id;
        for (Pending p : children.values()) {
            if (p.workflowId().equals(workflowId)) {
                throw new InvalidArgumentException("child workflow ID '" + workflowId + "' is already used by a "
                        + "running child of this workflow; choose another ID (or omit it to derive a unique one)");
            }
        }
        ObjectNode attrs = run.config().events().mapper().createObjectNode();
        attrs.put("commandId", id);
        attrs.put("workflowId", workflowId);
        attrs.put("workflowType", def.type());
        attrs.put("interface", def.iface().getName());
        attrs.put("taskQueue", options.taskQueue() != null ? options.taskQueue() : run.info().taskQueue());
        attrs.putRawValue("input", new RawValue(input));
        if (options.executionTimeout() != null) {
            attrs.put("executionTimeoutMs", options.executionTimeout().toMillis());
        }
        attrs.put("parentClosePolicy", options.parentClosePolicy().name());
        RunPromise<String> waiting = lastStarted.get(stub);
        RunPromise<String> started = waiting != null && unbound.remove(waiting) ? waiting : new RunPromise<>(run);
        RunPromise<Object> result = new RunPromise<>(run);
        run.issue(new Command.StartChild(id, workflowId, def.type(), attrs, run.location()));
        startedAny = true;
        children.put(id, new Pending(workflowId, def.type(), def.resultType(), started, result,
                options.parentClosePolicy()));
        // canceling the scope that started the child asks the child to cancel (the code stops waiting at once)
        RunScope scope = run.threads().currentScope();
        result.whenComplete(() -> scope.forget(result));
        scope.onCancel(result, () -> cancelChild(id));
        lastStarted.put(stub, started);
        return result;
    }

    private void cancelChild(String commandId) {
        Pending p = children.get(commandId);
        if (p == null || p.result().isCompleted()) {
            return;
        }
        request(EventType.ExternalCancelInitiated, p.workflowId(),
                attributes(EventType.ExternalCancelInitiated, p.workflowId()));
    }

    /** Delivers a child or external-request input; returns false if {@code e} is not one. */
    boolean deliver(Events.Event e) {
        String id = e.text("commandId");
        switch (e.type()) {
            case ChildWorkflowStarted -> {
                Pending p = children.get(id);
                if (p != null && !p.started().isCompleted()) {
                    p.started().complete(e.text("runId"));
                }
            }
            case ChildWorkflowCompleted -> {
                Pending p = children.remove(id);
                if (p != null) {
                    if (!p.started().isCompleted()) {
                        p.started().complete(e.text("runId"));
                    }
                    p.result().complete(run.config().payloads().read(e.json("result"), p.resultType(),
                            "result of child workflow " + p.workflowType()));
                }
            }
            case ChildWorkflowFailed -> {
                Pending p = children.remove(id);
                if (p != null) {
                    RatchetFailure cause = Failures.fromJson(run.config().events().mapper(), e.attrs().get("failure"));
                    ChildWorkflowFailure f = new ChildWorkflowFailure(p.workflowId(), e.text("runId"),
                            p.workflowType(), cause, null);
                    if (!p.started().isCompleted()) {
                        p.started().completeExceptionally(f);
                    }
                    p.result().completeExceptionally(f);
                }
            }
            case ExternalRequestDone -> {
                RunPromise<Object> p = requests.remove(id);
                if (p != null) {
                    if (e.attrs().has("failure")) {
                        p.completeExceptionally(Failures.fromJson(run.config().events().mapper(),
                                e.attrs().get("failure")));
                    } else {
                        p.complete(null);
                    }
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
