package dev.ratchet.engine.internal.runtime;

import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.Functions;
import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.NonDeterminismException;
import dev.ratchet.api.Promise;
import dev.ratchet.api.RatchetFailure;
import dev.ratchet.api.WorkflowInfo;
import dev.ratchet.api.spi.WorkflowRuntime;
import dev.ratchet.api.spi.WorkflowRuntimes;
import dev.ratchet.engine.internal.definition.WorkflowDefinition;
import dev.ratchet.engine.internal.history.EventType;
import dev.ratchet.engine.internal.history.Events;
import dev.ratchet.engine.internal.history.Failures;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The in-memory state of one workflow run: its workflow threads, its pending activities and timers, and the commands
 * issued in the current workflow task. Fed recorded history by {@link #replay}, and new inputs by {@link #runLive}.
 * Timers live in {@link RunTimers}, markers (side effects, versions) in {@link RunMarkers}.
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
    private final Random random;
    private final ReentrantLock lock = new ReentrantLock();
    private final RunActivities activities;
    /** Activities canceled by their scope: their outcome, recorded later or never, is ignored. */
    private final RunScope rootScope;
    private final List<Events.Event> inputs = new ArrayList<>();
    private final List<Command> commands = new ArrayList<>();
    private int commandCounter;
    private int threadCounter;
    private long now;
    private boolean replaying;
    /** Whether the code has run (a workflow task, live or replayed). */
    private boolean ran;
    private boolean closed;
    private Throwable unexpected;
    /** An error that fails the task as a whole (not seen by workflow code), such as an unsupported version. */
    private RuntimeException taskError;
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
        WorkflowThread root = new WorkflowThread("workflow " + workflowId, context, () -> runRoot(inputJson));
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
        return closed;
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
        if (closed) {
            throw new IllegalStateException("run " + info.runId() + " is closed");
        }
        inputs.addAll(newInputs);
        now = nowMillis;
        replaying = false;
        runCode();
        List<Command> out = List.copyOf(commands);
        commands.clear();
        return new TaskResult(out, closed);
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
        if (taskError != null) {
            throw taskError;
        }
        if (unexpected != null) {
            throw new WorkflowCodeException(info, unexpected);
        }
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

    private void runRoot(String inputJson) {
        Object result;
        try {
            Object[] args = config.payloads().readArgs(inputJson, definition.parameterTypes(),
                    "input of workflow " + definition.type());
            result = definition.method().invoke(instance(), args);
        } catch (InvocationTargetException e) {
            finishWithThrowable(e.getCause());
            return;
        } catch (WorkflowThread.DestroyedError e) {
            throw e;
        } catch (Throwable t) {
            finishWithThrowable(t);
            return;
        }
        String json;
        try {
            json = config.payloads().write(result, "result of workflow " + definition.type());
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        close(new Command.CompleteWorkflow(json, location()));
    }

    void finishWithThrowable(Throwable t) {
        if (t instanceof WorkflowThread.DestroyedError d) {
            throw d;
        }
        if (t instanceof RatchetFailure || config.failOnUnexpectedError()) {
            close(new Command.FailWorkflow(Failures.toJson(config.events().mapper(), t), location()));
        } else {
            fail(t);
        }
    }

    /**
     * Closes the run by continuing as a new run with {@code args} (checked against the workflow method's parameters);
     * unwinds the calling thread like an eviction, as nothing of it may run afterwards.
     */
    void continueAsNew(Object[] args) {
        Class<?>[] params = definition.method().getParameterTypes();
        String what = "arguments of continueAsNew of workflow " + definition.type();
        if (args.length != params.length) {
            throw new dev.ratchet.api.InvalidArgumentException(what + ": its workflow method "
                    + definition.method().getName() + " takes " + params.length + " argument(s), got " + args.length
                    + "; pass exactly the arguments of the next run's workflow method");
        }
        String json = config.payloads().writeArgs(args, what);
        config.payloads().readArgs(json, definition.parameterTypes(), what); // wrong types fail here, not next run
        close(new Command.ContinueAsNew(json, location()));
        throw new WorkflowThread.DestroyedError();
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

    /** Records the closing command; the other workflow threads do not run any more. */
    private void close(Command closing) {
        issue(closing);
        closed = true;
        scheduler.halt();
    }

    /** Parks the run with an unexpected error of workflow code; no thread runs any more in this task. */
    private void fail(Throwable t) {
        if (unexpected == null) {
            unexpected = t;
        }
        scheduler.halt();
    }

    // ---- called from workflow threads through RunContext and the run's parts ----

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

    /** Adds a workflow thread that runs {@code body}; it joins the scheduler's next round, in creation order. */
    void startThread(String name, Runnable body) {
        WorkflowThread thread = new WorkflowThread("workflow " + info.workflowId() + " " + name + " "
                + (++threadCounter), replaying ? location() : null, context, body);
        thread.scope(rootScope); // message handlers belong to the run: canceling the workflow cancels them
        scheduler.add(thread);
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

    /**
     * Blocks the calling workflow thread until {@code condition} holds; throws {@link dev.ratchet.api.CanceledFailure}
     * instead if its cancellation scope is (or gets) canceled first.
     */
    void yieldUntil(BooleanSupplier condition) {
        checkWritable("block (await, sleep, or wait on a promise)");
        WorkflowThread current = currentThread();
        if (condition.getAsBoolean()) {
            return;
        }
        RunScope scope = current.scope() == null ? rootScope : current.scope();
        scope.throwIfCanceled();
        current.yieldUntil(() -> condition.getAsBoolean() || scope.isCancelRequested());
        if (!condition.getAsBoolean()) {
            scope.throwIfCanceled();
        }
    }

    WorkflowThread currentThread() {
        WorkflowThread current = scheduler.current();
        if (current == null) {
            throw new IllegalStateException("workflow code blocked outside a workflow thread");
        }
        return current;
    }

    /** The cancellation scope of the calling workflow thread (the root scope outside workflow threads). */
    RunScope currentScope() {
        WorkflowThread current = scheduler.current();
        return current == null || current.scope() == null ? rootScope : current.scope();
    }

    RunScope newScope(boolean detached, Runnable body) {
        return RunScope.child(this, currentScope(), detached, body);
    }

    /**
     * Blocks until {@code condition} holds. The scheduler evaluates it between steps; if it throws there, the thread
     * is woken to evaluate it itself, so the exception reaches the workflow code that awaited.
     */
    void await(BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            yieldUntil(() -> {
                try {
                    return condition.getAsBoolean();
                } catch (RuntimeException e) {
                    return true;
                }
            });
        }
    }

    /**
     * Fails the whole workflow task with {@code error} (the run is parked with it) without letting workflow code see
     * or catch it: the calling workflow thread stops here, and no other thread runs in this task. Never returns.
     */
    RuntimeException abortTask(RuntimeException error) {
        if (taskError == null) {
            taskError = error;
        }
        scheduler.halt();
        return blockForever();
    }

    /** Stops the calling workflow thread for good (until the run is evicted). Never returns. */
    RuntimeException blockForever() {
        currentThread().yieldUntil(() -> false); // not through yieldUntil: cancellation must not wake it
        throw new IllegalStateException("a workflow thread blocked for good was resumed");
    }

    <R> Promise<R> newThread(Functions.Func<R> body) {
        checkWritable("start a workflow thread");
        if (closed) {
            throw new IllegalStateException("workflow " + info.workflowId() + " already closed");
        }
        RunPromise<R> promise = new RunPromise<>(this);
        String origin = replaying ? location() : null;
        RunScope scope = currentScope();
        String name = "workflow " + info.workflowId() + " thread " + (++threadCounter);
        WorkflowThread thread = new WorkflowThread(name, origin, context, () -> {
            try {
                promise.complete(body.apply());
            } catch (WorkflowThread.DestroyedError e) {
                throw e;
            } catch (RuntimeException e) {
                promise.completeExceptionally(e);
            } catch (Error e) {
                fail(e);
            }
        });
        thread.scope(scope); // Async work belongs to the scope that started it
        scheduler.add(thread);
        return promise;
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
        if (closed) {
            throw new IllegalStateException("workflow " + info.workflowId() + " already closed");
        }
        commands.add(c);
    }

    /**
     * Where user code issued a command; walked only while replaying, where a mismatch needs it. A call with no user
     * frame on its stack (a method reference run by {@code Async}) is located where its workflow thread was started.
     */
    String location() {
        if (!replaying) {
            return "unknown";
        }
        String here = StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().startsWith("dev.ratchet.engine.internal.")
                        && !f.getClassName().startsWith("dev.ratchet.api.")
                        && !f.getClassName().startsWith("java.") && !f.getClassName().startsWith("jdk.")
                        && !f.getClassName().startsWith("com.sun.proxy") && !f.getClassName().contains("$Proxy"))
                .findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":"
                        + f.getLineNumber() + ")")
                .orElse(null));
        if (here != null) {
            return here;
        }
        WorkflowThread thread = scheduler.current();
        return thread != null && thread.origin() != null ? "a workflow thread started at " + thread.origin()
                : "unknown";
    }
}
