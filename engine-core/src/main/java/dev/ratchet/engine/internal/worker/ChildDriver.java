package dev.ratchet.engine.internal.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.ratchet.api.ApplicationFailure;
import dev.ratchet.api.ParentClosePolicy;
import dev.ratchet.api.WorkflowAlreadyStartedException;
import dev.ratchet.api.WorkflowIdConflictPolicy;
import dev.ratchet.engine.internal.definition.WorkflowDefinition;
import dev.ratchet.engine.internal.history.EventType;
import dev.ratchet.engine.internal.history.Events;
import dev.ratchet.engine.internal.history.Failures;
import dev.ratchet.engine.internal.runtime.RunChildren;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.NewTimer;
import dev.ratchet.engine.store.RunCommit;
import dev.ratchet.engine.store.RunRecord;
import dev.ratchet.engine.store.RunStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's side of child workflows and of signal/cancel requests to other workflows: performs what workflow code
 * recorded (ChildWorkflowInitiated, ExternalSignalInitiated, ExternalCancelInitiated) and reports back to the parent
 * through the ordinary input path ({@link WorkflowTaskProcessor#deliver}). Thread-safe.
 *
 * <p>Design note (crash safety without a store SPI change): the commit that records a child's intent also creates a
 * durable <em>watch timer</em> on the parent ({@code $child:<commandId>:a}); it lives until the child's close is
 * recorded in the parent, and that recording consumes it (a timer precondition of the commit), which makes the close
 * notification exactly-once however many engines try. After the commit this engine starts the child at once (by its
 * deterministic workflow ID, so a second start finds the same run) and records ChildWorkflowStarted; when the child
 * closes on this engine the close is delivered at once. If an engine dies anywhere in between, the watch timer fires
 * (on any engine) and re-drives: it starts the child if needed, records ChildWorkflowStarted if missing, delivers the
 * close if the child has closed, and otherwise re-arms itself (alternating {@code :a}/{@code :b}, with a
 * ChildWorkflowWatched note, backing off from 30 s to 1 h). Signal and cancel requests work the same way with a
 * {@code $ext:<commandId>} timer consumed by ExternalRequestDone, so they are sent at least once (a crash after
 * sending and before recording resends a signal). A child that continues as new stays its parent's child: the next run
 * of its chain carries the parent link, and the parent gets the close of the chain's last run.
 *
 * <p>Parent-close policies are durable: a closing commit that leaves children under a TERMINATE or REQUEST_CANCEL
 * policy keeps a {@link #POLICY_TIMER} on the closed parent. The engine that closed it applies the policies at once and
 * deletes the timer; if it dies first, the timer fires on any engine (after {@link #FIRST_WATCH_MS}) and applies
 * them. Terminations and timeouts, which close a run without knowing its children, always keep one.
 */
public final class ChildDriver {
    private static final Logger log = LoggerFactory.getLogger(ChildDriver.class);
    /** When a watch timer first fires. */
    static final long FIRST_WATCH_MS = 30_000;
    /**
     * The timer a parent's closing commit keeps after the close ({@link RunCommit#afterCloseTimers()}) while children
     * may fall under its parent-close policies; deleted once they are applied.
     */
    static final String POLICY_TIMER = RunChildren.CHILD_TIMER_PREFIX + "close-policies";
    private static final long MAX_WATCH_MS = Duration.ofHours(1).toMillis();

    private final WorkerContext ctx;
    private final WorkflowTaskProcessor processor;
    private final ObjectMapper mapper;
    /** Children started or watched here, by run ID: their close is delivered to the parent at once. */
    private final Map<String, ParentRef> parents = new ConcurrentHashMap<>();
    /** Engine timers this engine consumed (runId/timerId): their local firing needs no history read. */
    private final Set<String> consumed = ConcurrentHashMap.newKeySet();

    private record ParentRef(String parentRunId, String commandId) {
    }

    ChildDriver(WorkerContext ctx, WorkflowTaskProcessor processor) {
        this.ctx = ctx;
        this.processor = processor;
        this.mapper = ctx.config().events().mapper();
    }

    /** The policy timer of a closing parent: due when the policies must have been applied (if this engine dies). */
    static NewTimer policyTimer(String runId, long now) {
        return new NewTimer(runId, POLICY_TIMER, now + FIRST_WATCH_MS);
    }

    /** The watch timer of a child command; two IDs alternate so that a re-arm can consume one and create the other. */
    static String childTimer(String commandId, boolean first) {
        return RunChildren.CHILD_TIMER_PREFIX + commandId + (first ? ":a" : ":b");
    }

    /** After a workflow task's commit: starts the children and sends the requests it recorded. */
    void committed(String runId, List<HistoryEvent> written, boolean closed) {
        for (HistoryEvent h : written) {
            EventType type = EventType.of(h.type());
            if (type == EventType.ChildWorkflowInitiated || type == EventType.ExternalSignalInitiated
                    || type == EventType.ExternalCancelInitiated) {
                JsonNode attrs = read(h.attributes());
                if (type == EventType.ChildWorkflowInitiated && closed
                        && !ParentClosePolicy.ABANDON.name().equals(attrs.path("parentClosePolicy").asText())) {
                    continue; // the parent closed in the same task: its policy would stop the child at once
                }
                async(() -> {
                    if (type == EventType.ChildWorkflowInitiated) {
                        driveChild(runId, attrs, false, null);
                    } else {
                        driveRequest(runId, type, attrs, RunChildren.EXTERNAL_TIMER_PREFIX + text(attrs, "commandId"));
                    }
                });
            }
        }
    }

    /**
     * A run closed: if it is a child started or watched here, its parent learns at once; if it started children
     * ({@code hadChildren}, or unknown), their parent-close policies apply.
     */
    void closed(String runId, HistoryEvent closing, boolean hadChildren) {
        ParentRef ref = parents.remove(runId);
        if (ref != null) {
            async(() -> deliverClose(ref, runId, closing));
        }
        if (hadChildren) {
            async(() -> applyPoliciesDurably(runId));
        }
    }

    /**
     * A run is being rebuilt from history on this engine: if it is a child, its close will be delivered at once (not
     * only when the parent's watch timer fires), for example after a restart.
     */
    void adopt(String runId, Events.Event started) {
        String parentRunId = started.text("parentRunId");
        String commandId = started.text("parentCommandId");
        if (parentRunId != null && commandId != null) {
            parents.putIfAbsent(runId, new ParentRef(parentRunId, commandId));
        }
    }

    /** A watch or request timer fired (on any engine): re-drives what a crash may have left undone. */
    public void fire(String runId, String timerId) {
        if (consumed.remove(runId + "/" + timerId)) {
            return; // consumed by this engine: nothing left to do
        }
        if (timerId.equals(POLICY_TIMER)) {
            applyPoliciesDurably(runId); // the engine that closed the run did not finish it (a crash)
            return;
        }
        Optional<RunRecord> parent = ctx.store().findRun(runId);
        if (parent.isEmpty() || isClosed(parent.get().status())) {
            return;
        }
        List<Events.Event> history = history(runId);
        String commandId = timerId.substring(timerId.indexOf(':') + 1);
        if (timerId.startsWith(RunChildren.CHILD_TIMER_PREFIX)) {
            commandId = commandId.substring(0, commandId.lastIndexOf(':'));
        }
        Events.Event initiated = null;
        boolean started = false;
        boolean done = false;
        int watched = 0;
        for (Events.Event e : history) {
            if (!commandId.equals(e.text("commandId"))) {
                continue;
            }
            switch (e.type()) {
                case ChildWorkflowInitiated, ExternalSignalInitiated, ExternalCancelInitiated -> initiated = e;
                case ChildWorkflowStarted -> started = true;
                case ChildWorkflowCompleted, ChildWorkflowFailed, ExternalRequestDone -> done = true;
                case ChildWorkflowWatched -> watched++;
                default -> {
                    // other events of the run
                }
            }
        }
        if (initiated == null || done) {
            return;
        }
        if (initiated.type() == EventType.ChildWorkflowInitiated) {
            String childRunId = driveChild(runId, initiated.attrs(), started, timerId);
            if (childRunId != null && parents.containsKey(childRunId)) {
                rearm(runId, commandId, timerId, watched);
            }
        } else {
            driveRequest(runId, initiated.type(), initiated.attrs(), timerId);
        }
    }

    /**
     * Starts the child (or finds the run started for it before), records ChildWorkflowStarted unless it is, and
     * delivers the close if the child closed already. Returns the child's run ID while it runs, else null.
     */
    private String driveChild(String parentRunId, JsonNode attrs, boolean startedRecorded, String watchTimer) {
        String commandId = text(attrs, "commandId");
        String childId = text(attrs, "workflowId");
        String childRunId;
        try {
            childRunId = startChild(parentRunId, attrs);
        } catch (RuntimeException e) {
            log.debug("child {} of run {} could not be started: {}", childId, parentRunId, e.toString());
            ObjectNode failed = mapper.createObjectNode();
            failed.put("commandId", commandId);
            failed.set("failure", Failures.toJson(mapper, e));
            deliverFinal(parentRunId, commandId, EventType.ChildWorkflowFailed, failed);
            return null;
        }
        ParentRef ref = new ParentRef(parentRunId, commandId);
        if (!startedRecorded) {
            ObjectNode s = mapper.createObjectNode();
            s.put("commandId", commandId);
            s.put("workflowId", childId);
            s.put("runId", childRunId);
            if (!processor.deliver(parentRunId, input(EventType.ChildWorkflowStarted, s), null, 0, null)
                    && ctx.store().findRun(parentRunId).map(r -> isClosed(r.status())).orElse(false)) {
                // the parent closed while its child was being started: the policy reaches the child too
                applyPolicies(parentRunId);
                return null;
            }
        }
        return watch(ref, childRunId) ? childRunId : null;
    }

    /**
     * Watches a child run: its close will be delivered to the parent by this engine. Returns whether it still runs;
     * if it has closed, its close is delivered now.
     */
    private boolean watch(ParentRef ref, String childRunId) {
        parents.put(childRunId, ref); // before reading its status: a close after this read is announced
        Optional<RunRecord> child = ctx.store().findRun(childRunId);
        if (child.isPresent() && isClosed(child.get().status()) && parents.remove(childRunId) != null) {
            List<HistoryEvent> h = ctx.store().loadHistory(childRunId, child.get().nextSeq() - 1);
            if (!h.isEmpty()) {
                deliverClose(ref, childRunId, h.get(h.size() - 1));
            }
            return false;
        }
        return true;
    }

    /** The child's run ID: started now, or found started by an earlier attempt for this parent. */
    private String startChild(String parentRunId, JsonNode attrs) {
        String childId = text(attrs, "workflowId");
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<RunRecord> existing = ctx.store().findByWorkflowId(childId);
            if (existing.isPresent()) {
                List<HistoryEvent> first = ctx.store().loadHistory(existing.get().runId(), 1);
                String parent = first.isEmpty() ? null : read(first.get(0).attributes()).path("parentRunId")
                        .asText(null);
                if (parentRunId.equals(parent)) {
                    return existing.get().runId();
                }
                throw ApplicationFailure.nonRetryable("WorkflowAlreadyStarted", "child workflow ID '" + childId
                        + "' is taken by another workflow (run " + existing.get().runId() + "); choose a unique ID");
            }
            try {
                JsonNode timeout = attrs.get("executionTimeoutMs");
                String parentWorkflowId = ctx.store().findRun(parentRunId).map(RunRecord::workflowId).orElse(null);
                return processor.starts().start(definition(attrs), childId, text(attrs, "taskQueue"), attrs.get("input")
                        .toString(), WorkflowIdConflictPolicy.FAIL, timeout == null ? null
                                : Duration.ofMillis(timeout.asLong()), null, List.of(),
                        started -> withParent(started, parentWorkflowId, parentRunId, text(attrs, "commandId")))
                        .runId();
            } catch (WorkflowAlreadyStartedException raced) {
                // started concurrently (a watch timer and the live path): look again
            }
        }
        throw new IllegalStateException("child workflow ID '" + childId + "' keeps changing runs");
    }

    private WorkflowDefinition definition(JsonNode attrs) {
        WorkflowDefinition def = ctx.workflows().get(text(attrs, "workflowType"));
        if (def != null) {
            return def;
        }
        try {
            return WorkflowDefinition.ofInterface(Class.forName(text(attrs, "interface"), false,
                    Thread.currentThread().getContextClassLoader()));
        } catch (ClassNotFoundException e) {
            throw ApplicationFailure.nonRetryable("WorkflowTypeUnknown", "the workflow interface "
                    + text(attrs, "interface") + " of child type " + text(attrs, "workflowType")
                    + " is not on this engine's class path");
        }
    }

    private String withParent(String startedAttrs, String parentWorkflowId, String parentRunId,
            String commandId) {
        ObjectNode n = (ObjectNode) read(startedAttrs);
        n.put("parentCommandId", commandId);
        n.put("parentWorkflowId", parentWorkflowId);
        n.put("parentRunId", parentRunId);
        return n.toString();
    }

    /**
     * Delivers a child's close to its parent, consuming the watch timer (so it is recorded once). A child that
     * continued as new has not closed for its parent: the parent waits for the next run of its chain (which inherited
     * the parent link in its WorkflowStarted event, so an engine rebuilding it, or the parent's watch timer, finds the
     * parent too).
     */
    private void deliverClose(ParentRef ref, String childRunId, HistoryEvent closing) {
        JsonNode c = read(closing.attributes());
        if (EventType.of(closing.type()) == EventType.WorkflowContinuedAsNew) {
            watch(ref, text(c, "newRunId"));
            return;
        }
        ObjectNode out = mapper.createObjectNode();
        out.put("commandId", ref.commandId());
        out.put("runId", childRunId);
        EventType type;
        if (EventType.of(closing.type()) == EventType.WorkflowCompleted) {
            type = EventType.ChildWorkflowCompleted;
            JsonNode result = c.get("result");
            out.putRawValue("result", new RawValue(result == null ? "null" : result.toString()));
        } else {
            type = EventType.ChildWorkflowFailed;
            JsonNode failure = c.get("failure");
            out.set("failure", failure != null ? failure : Failures.toJson(mapper, ApplicationFailure.nonRetryable(
                    "ChildClosed", "the child closed with " + closing.type())));
        }
        deliverFinal(ref.parentRunId(), ref.commandId(), type, out);
    }

    private void deliverFinal(String parentRunId, String commandId, EventType type, ObjectNode attrs) {
        for (boolean first : new boolean[] {true, false}) {
            String timer = childTimer(commandId, first);
            if (processor.deliver(parentRunId, input(type, attrs), null, 0, timer)) {
                consumed.add(parentRunId + "/" + timer);
                return;
            }
        }
    }

    /** Re-arms a child's watch timer: consumes the one that fired and creates the other, later. */
    private void rearm(String parentRunId, String commandId, String firedTimer, int watched) {
        long now = ctx.clock().millis();
        long delay = Math.min(MAX_WATCH_MS, FIRST_WATCH_MS << Math.min(watched + 1, 20));
        String next = childTimer(commandId, firedTimer.endsWith(":b"));
        ObjectNode note = mapper.createObjectNode();
        note.put("commandId", commandId);
        RunCommit commit = RunCommit.builder(parentRunId).timerId(firedTimer)
                .event(new HistoryEvent(0, EventType.ChildWorkflowWatched.name(), now, note.toString()))
                .timers(List.of(new NewTimer(parentRunId, next, now + delay))).token(TaskCommits.token()).build();
        ctx.store().commit(List.of(commit));
    }

    /** Sends a signal or cancel request and records ExternalRequestDone, consuming the request's timer. */
    private void driveRequest(String runId, EventType type, JsonNode attrs, String timer) {
        String target = text(attrs, "workflowId");
        ObjectNode done = mapper.createObjectNode();
        done.put("commandId", text(attrs, "commandId"));
        String failure = null;
        Optional<RunRecord> run = ctx.store().findByWorkflowId(target);
        if (run.isEmpty()) {
            failure = "workflow '" + target + "' does not exist";
        } else if (isClosed(run.get().status())) {
            failure = "workflow '" + target + "' has already finished (" + run.get().status() + ")";
        } else if (type == EventType.ExternalSignalInitiated) {
            if (!processor.messages().signal(run.get().runId(), text(attrs, "signalName"),
                    attrs.get("input").toString())) {
                failure = "workflow '" + target + "' finished before the signal was recorded";
            }
        } else {
            String by = ctx.store().findRun(runId).map(RunRecord::workflowId).orElse(runId);
            if (!processor.deliver(run.get().runId(), input(EventType.WorkflowCancelRequested,
                    read(ctx.config().events().workflowCancelRequested(by))), null, 0, null)) {
                failure = "workflow '" + target + "' finished before the cancel request was recorded";
            }
        }
        if (failure != null) {
            done.set("failure", Failures.toJson(mapper, ApplicationFailure.nonRetryable("ExternalWorkflowNotOpen",
                    (type == EventType.ExternalSignalInitiated ? "signal '" + text(attrs, "signalName") + "'"
                            : "cancel request") + " not delivered: " + failure)));
        }
        if (processor.deliver(runId, input(EventType.ExternalRequestDone, done), null, 0, timer)) {
            consumed.add(runId + "/" + timer);
        }
    }

    /**
     * Applies the parent-close policies of a closed run's children, then deletes its policy timer. Applying them is
     * idempotent (terminating or canceling a closed child changes nothing), so a crash anywhere here only means the
     * timer fires and they are applied again.
     */
    private void applyPoliciesDurably(String parentRunId) {
        applyPolicies(parentRunId);
        ctx.store().deleteTimer(parentRunId, POLICY_TIMER);
    }

    /** Applies the parent-close policy of each child of a closed run whose close the run had not seen. */
    private void applyPolicies(String parentRunId) {
        Map<String, JsonNode> open = new java.util.LinkedHashMap<>();
        for (Events.Event e : history(parentRunId)) {
            switch (e.type()) {
                case ChildWorkflowInitiated -> open.put(e.text("commandId"), e.attrs());
                case ChildWorkflowCompleted, ChildWorkflowFailed -> open.remove(e.text("commandId"));
                default -> {
                    // not about children
                }
            }
        }
        String parentWorkflowId = ctx.store().findRun(parentRunId).map(RunRecord::workflowId).orElse(parentRunId);
        for (JsonNode attrs : open.values()) {
            ParentClosePolicy policy = ParentClosePolicy.valueOf(attrs.path("parentClosePolicy").asText("TERMINATE"));
            if (policy == ParentClosePolicy.ABANDON) {
                continue;
            }
            Optional<RunRecord> child = ctx.store().findByWorkflowId(text(attrs, "workflowId"));
            if (child.isEmpty() || isClosed(child.get().status())) {
                continue;
            }
            List<HistoryEvent> first = ctx.store().loadHistory(child.get().runId(), 1);
            if (first.isEmpty() || !parentRunId.equals(read(first.get(0).attributes()).path("parentRunId")
                    .asText(null))) {
                continue; // the ID now belongs to another workflow
            }
            String childRunId = child.get().runId();
            parents.remove(childRunId);
            if (policy == ParentClosePolicy.TERMINATE) {
                processor.terminate(childRunId, "parent workflow " + parentWorkflowId + " closed (parent-close "
                        + "policy TERMINATE)");
            } else {
                processor.deliver(childRunId, input(EventType.WorkflowCancelRequested,
                        read(ctx.config().events().workflowCancelRequested(parentWorkflowId))), null, 0, null);
            }
        }
    }

    private LongFunction<HistoryEvent> input(EventType type, JsonNode attrs) {
        String json = attrs.toString();
        return seq -> new HistoryEvent(seq, type.name(), ctx.clock().millis(), json);
    }

    private List<Events.Event> history(String runId) {
        List<HistoryEvent> raw = ctx.store().loadHistory(runId, 1);
        List<Events.Event> out = new ArrayList<>(raw.size());
        for (HistoryEvent h : raw) {
            out.add(ctx.config().events().parse(h));
        }
        return out;
    }

    private void async(Runnable work) {
        processor.probe().workStarted();
        Thread.ofVirtual().name("ratchet-children").start(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                // the watch timer re-drives it
                log.warn("child workflow or external request work failed (its watch timer retries it): {}",
                        e.toString());
            } finally {
                processor.probe().workFinished();
            }
        });
    }

    private static boolean isClosed(RunStatus s) {
        return s.isClosed();
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable event attributes", e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
