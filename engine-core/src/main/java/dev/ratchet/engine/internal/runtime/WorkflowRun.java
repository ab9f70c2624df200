package dev.ratchet.engine.internal.runtime;

import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.NonDeterminismException;
import dev.ratchet.api.WorkflowInfo;
import dev.ratchet.api.spi.WorkflowRuntime;
import dev.ratchet.api.spi.WorkflowRuntimes;
import dev.ratchet.engine.internal.definition.WorkflowDefinition;
import dev.ratchet.engine.internal.history.EventType;
import dev.ratchet.engine.internal.history.Events;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory state of one workflow run: its workflow threads, its pending activities and timers, and the commands
 * issued in the current workflow task. Fed recorded history by {@link #replay}, and new inputs by {@link #runLive}.
 * This class holds replay, input delivery and the command list; each concern has a part of its own: workflow threads
 * and blocking in {@link RunThreads}, how the run ends in {@link RunOutcome}, timers in {@link RunTimers}, activities
 * in {@link RunActivities}, markers (side effects, versions) in {@link RunMarkers}, signals and updates in
 * {@link RunMessages}, child workflows in {@link RunChildren}, and what a continued run inherits in {@link RunChain}.
 *
 * <p>Thread-safety: guarded by {@link #lock()}; the task processor holding the lock and the run's workflow threads
 * never execute at the same time (the scheduler hands control back and forth).
 */
public final class WorkflowRun {
    private final WorkflowDefinition definition;
    private final WorkflowInfo info;
    private final RuntimeConfig config;
    private final DeterministicScheduler scheduler;
    private final RunContext context;
    private final RunTimers timers;
    private final RunMarkers markers;
    private final RunMessages messages;
    private final RunChildren children;
    private final RunChain chain = new RunChain();
    private final RunThreads threads;
    private final RunOutcome outcome;
    private final Random random;
    private final ReentrantLock lock = new ReentrantLock();
    private final RunActivities activities;
    /** Activities canceled by their scope: their outcome, recorded later or never, is ignored. */
    private final RunScope rootScope;
    private final List<Events.Event> inputs = new ArrayList<>();
    private final List<Command> commands = new ArrayList<>();
    private int commandCounter;
    private long now;
    private boolean replaying;
    /** Whether the code has run (a workflow task, live or replayed). */
    private boolean ran;
    private long lastSeq;
    private boolean evicted;
    /** The workflow instance, created by the first workflow thread that needs it (normally the root). */
    private Object instance;
    /** While a query or update validator runs: what runs (for messages); every state change is refused. */
    private String readOnly;

    /** The outcome of running the code over new inputs: the commands to record, and whether the workflow closed. */
    public record TaskResult(List<Command> commands, boolean closed) {
    }

    /** Creates the run from its WorkflowStarted attributes; no code runs until the first task. */
    public WorkflowRun(WorkflowDefinition definition, String workflowId, String runId, String taskQueue,
            String inputJson, long seed, RuntimeConfig config) {
        this.definition = definition;
        this.info = new WorkflowInfo(workflowId, runId, definition.type(), taskQueue);
        this.config = config;
        this.random = new Random(seed);
        this.scheduler = new DeterministicScheduler(config.deadlockTimeout());
        this.context = new RunContext(this);
        this.timers = new RunTimers(this);
        this.activities = new RunActivities(this);
        this.markers = new RunMarkers(this);
        this.messages = new RunMessages(this);
        this.children = new RunChildren(this);
        this.rootScope = RunScope.root(this);
        this.threads = new RunThreads(this, scheduler, context, rootScope);
        this.outcome = new RunOutcome(this, scheduler);
        WorkflowThread root = new WorkflowThread("workflow " + workflowId, context, () -> outcome.runRoot(inputJson));
        root.scope(rootScope);
        scheduler.add(root);
    }

    public ReentrantLock lock() {
        return lock;
    }

    public WorkflowInfo info() {
        return info;
    }

    /** The highest history sequence number this state reflects. */
    public long lastSeq() {
        return lastSeq;
    }

    public void lastSeq(long seq) {
        this.lastSeq = seq;
    }

    public boolean isClosed() {
        return outcome.closed();
    }

    public boolean isEvicted() {
        return evicted;
    }

    /** Whether the run's history holds the acceptance of update {@code updateId} (so it must not be accepted again). */
    public boolean updateAccepted(String updateId) {
        return messages.accepted(updateId);
    }

    /**
     * Whether history holds inputs the code has not run over yet (a workflow task is due for them): recorded inputs
     * after the last workflow task, or a start whose first task has not run.
     */
    public boolean awaitsTask() {
        return !inputs.isEmpty() || !ran;
    }

    /** Whether the code waits for this activity's outcome (false once delivered, or if it never scheduled it). */
    public boolean awaitsActivity(String activityId) {
        return activities.awaits(activityId);
    }

    /** Whether the code started any child workflow (whose parent-close policy may apply when the run closes). */
    public boolean startedChildren() {
        return children.any();
    }

    /**
     * Whether a child whose close the run has not seen falls under a TERMINATE or REQUEST_CANCEL parent-close policy,
     * which the engine must apply once the run closes.
     */
    public boolean hasChildrenUnderClosePolicy() {
        return children.anyOpenUnderClosePolicy();
    }

    /** Whether the code waits for this timer (false once fired or canceled, or if it never started it). */
    public boolean awaitsTimer(String timerId) {
        return timers.awaits(timerId) || RunChildren.isEngineTimer(timerId);
    }

    /**
     * Re-executes the code over recorded history, matching every command the code issues against the recorded event
     * at its position. Inputs after the last recorded boundary stay pending for the next {@link #runLive}.
     *
     * @throws NonDeterminismException if the code's commands differ from the history
     * @throws WorkflowCodeException   if the code threw an unexpected exception
     */
    public void replay(List<Events.Event> recorded) {
        Deque<Command> toMatch = new ArrayDeque<>();
        for (int i = 0; i < recorded.size(); i++) {
            Events.Event e = recorded.get(i);
            if (e.seq() <= lastSeq) {
                continue;
            }
            switch (e.type().kind()) {
                case INPUT -> {
                    expectNone(toMatch, e.seq());
                    if (e.type() != EventType.WorkflowStarted) {
                        inputs.add(e);
                    } else {
                        chain.started(e);
                    }
                }
                case BOUNDARY -> {
                    expectNone(toMatch, e.seq());
                    now = e.time();
                    replaying = true;
                    markers.beginBatch(recorded, i);
                    try {
                        runCode();
                    } finally {
                        markers.endBatch();
                    }
                    toMatch.addAll(commands);
                    commands.clear();
                }
                case COMMAND -> {
                    Command c = toMatch.peek();
                    if (c != null && c.matches(e)) {
                        toMatch.poll();
                    } else if (!RunMarkers.isVersionMarker(e)) {
                        throw nonDeterminism(e.seq(), Command.describe(e), c == null ? "nothing" : c.describe(),
                                c == null ? "unknown" : c.codeLocation());
                    }
                    // else: a version marker the code no longer asks for (its getVersion call was removed) is skipped
                }
                case NOTE -> {
                    // informational only
                }
            }
            lastSeq = e.seq();
        }
        expectNone(toMatch, lastSeq + 1);
        replaying = false;
    }

    /** Runs the code over the pending and new inputs at {@code nowMillis}, returning the commands it issued. */
    public TaskResult runLive(List<Events.Event> newInputs, long nowMillis) {
        if (outcome.closed()) {
            throw new IllegalStateException("run " + info.runId() + " is closed");
        }
        inputs.addAll(newInputs);
        now = nowMillis;
        replaying = false;
        runCode();
        List<Command> out = List.copyOf(commands);
        commands.clear();
        return new TaskResult(out, outcome.closed());
    }

    /** Unwinds the workflow threads; the run is unusable afterwards. */
    public void destroy() {
        evicted = true;
        scheduler.destroy();
    }

    private void expectNone(Deque<Command> toMatch, long position) {
        if (!toMatch.isEmpty()) {
            Command c = toMatch.peek();
            throw nonDeterminism(position, "nothing", c.describe(), c.codeLocation());
        }
    }

    NonDeterminismException nonDeterminism(long position, String recorded, String command, String location) {
        return new NonDeterminismException(info.workflowId(), info.runId(), position, recorded, command, location);
    }

    private void runCode() {
        ran = true;
        deliverInputs();
        // the task's thread evaluates await conditions, which may read the workflow's info or time
        WorkflowRuntime previous = WorkflowRuntimes.currentOrNull();
        WorkflowRuntimes.bind(context);
        try {
            scheduler.runUntilBlocked();
        } finally {
            WorkflowRuntimes.bind(previous);
        }
        outcome.throwIfFailed();
    }

    private void deliverInputs() {
        for (Events.Event e : inputs) {
            if (activities.deliver(e)) {
                continue;
            }
            switch (e.type()) {
                case WorkflowCancelRequested -> rootScope.cancel();
                case TimerFired -> {
                    if (!timers.fired(e.text("timerId"))) {
                        throw nonDeterminism(e.seq(), "TimerFired(timerId=" + e.text("timerId") + ")",
                                "no such timer", "unknown");
                    }
                }
                case WorkflowStarted -> chain.started(e); // the run was built from it
                case SignalReceived -> messages.signal(e);
                case UpdateAccepted -> messages.update(e);
                default -> {
                    if (!children.deliver(e)) {
                        throw new IllegalStateException("not an input event: " + e.type());
                    }
                }
            }
        }
        inputs.clear();
    }

    /** Sets the timeouts a continued run inherits: the execution deadline (epoch ms) and run timeout (ms); 0 = none. */
    public void chainTimeouts(long executionDeadline, long runTimeoutMillis) {
        chain.timeouts(executionDeadline, runTimeoutMillis);
    }

    /** The workflow's execution deadline over its whole chain of runs, epoch ms, or 0 for none. */
    public long executionDeadline() {
        return chain.executionDeadline();
    }

    /** The run timeout each run of the chain gets, ms, or 0 for none. */
    public long runTimeoutMillis() {
        return chain.runTimeoutMillis();
    }

    /**
     * The WorkflowStarted attributes {@code started} of the run continuing this one, with what it inherits (a child's
     * parent, see {@link RunChain}).
     */
    public String continuedStarted(String started) {
        return chain.inherit(started, config.events());
    }

    // ---- called from workflow threads through RunContext and the run's parts ----

    /** The run's workflow threads, their blocking and cancellation scopes. */
    RunThreads threads() {
        return threads;
    }

    /** How the run ends: its closing commands, or the error that parks it. */
    RunOutcome outcome() {
        return outcome;
    }

    RuntimeConfig config() {
        return config;
    }

    WorkflowDefinition definition() {
        return definition;
    }

    /** The workflow instance, created on first use (on a workflow thread, so its constructor may use Workflow). */
    Object instance() {
        if (instance == null) {
            checkWritable("create the workflow instance");
            instance = definition.newInstance();
        }
        return instance;
    }

    RunTimers timers() {
        checkWritable("start or await a timer");
        return timers;
    }

    RunChildren children() {
        checkWritable("start a child workflow or signal or cancel another workflow");
        return children;
    }

    RunMarkers markers() {
        checkWritable("record a side effect or a version marker");
        return markers;
    }

    Random random() {
        checkWritable("use the workflow's random generator (it is part of the replayed state)");
        return random;
    }

    /**
     * Runs {@code handler} (a query or an update validator) on the calling thread against the run's current state,
     * refusing every state change: nothing it does reaches history. The caller holds the run's lock, so no workflow
     * thread runs meanwhile. Throws what the handler throws ({@link InvocationTargetException} unwrapped).
     *
     * @throws IllegalStateException when the workflow instance does not exist yet (no workflow task ran)
     */
    public Object readOnly(String what, java.lang.reflect.Method handler, Object[] args) throws Throwable {
        if (instance == null) {
            throw new IllegalStateException("workflow " + info.workflowId() + " has not run its first workflow task "
                    + "yet, so it has no state to read; retry once it has started");
        }
        WorkflowRuntime previous = WorkflowRuntimes.currentOrNull();
        WorkflowRuntimes.bind(context);
        readOnly = what;
        try {
            return handler.invoke(instance, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            readOnly = null;
            WorkflowRuntimes.bind(previous);
        }
    }

    /** Refuses a state change while a query or validator runs. */
    void checkWritable(String action) {
        if (readOnly != null) {
            throw new IllegalStateException("a " + readOnly + " is read-only but tried to " + action + "; only "
                    + "read the workflow's fields in it (change state in a @SignalMethod or @UpdateMethod)");
        }
    }

    long now() {
        return now;
    }

    boolean isReplaying() {
        return replaying;
    }

    String nextCommandId() {
        checkWritable("issue a command (activity, timer, marker)");
        return String.valueOf(++commandCounter);
    }

    RunPromise<Object> scheduleActivity(String activityType, Type resultType, Object[] args,
            ActivityOptions options) {
        return activities.schedule(activityType, resultType, args, options);
    }

    void sleep(Duration duration) {
        InvalidArgumentException.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new InvalidArgumentException("sleep duration must not be negative, was " + duration);
        }
        timers.start(duration).get();
    }

    void issue(Command c) {
        checkWritable("issue a command (" + c.eventType() + ")");
        if (outcome.closed()) {
            throw new IllegalStateException("workflow " + info.workflowId() + " already closed");
        }
        commands.add(c);
    }

    /** Where user code issued a command (see {@link RunThreads#location()}). */
    String location() {
        return threads.location();
    }
}
