package dev.ratchet.api;

import dev.ratchet.api.spi.WorkflowRuntimes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What workflow code calls instead of the JDK for anything non-deterministic: activities, time, sleeping, randomness
 * and logging. Each call is recorded or derived from history, so re-executing the code after a crash reaches the same
 * decisions. Callable only from workflow code.
 */
public final class Workflow {
    /**
     * What {@link #getVersion} returns for a run whose history was recorded before the change was added (code that
     * predates the change).
     */
    public static final int DEFAULT_VERSION = -1;

    private Workflow() {
    }

    /**
     * A stub of an {@link ActivityInterface}: calling its methods schedules durable activities and blocks the workflow
     * until each finishes, throwing {@link ActivityFailure} if it failed for good.
     */
    public static <T> T activities(Class<T> activityInterface, ActivityOptions options) {
        return WorkflowRuntimes.current().newActivityStub(activityInterface, options, Map.of());
    }

    /**
     * A stub like {@link #activities(Class, ActivityOptions)} whose methods use {@code defaults} except those named in
     * {@code methodOptions} (by activity method name, as declared in the interface), which use their own options.
     */
    public static <T> T activities(Class<T> activityInterface, ActivityOptions defaults,
            Map<String, ActivityOptions> methodOptions) {
        return WorkflowRuntimes.current().newActivityStub(activityInterface, defaults, methodOptions);
    }

    /** Blocks the workflow for {@code duration} on a durable timer that survives restarts; zero returns at once. */
    public static void sleep(Duration duration) {
        WorkflowRuntimes.current().sleep(duration);
    }

    /**
     * A promise completed when a durable timer of {@code duration} fires (it survives restarts); zero gives a completed
     * promise and starts no timer.
     */
    public static Promise<Void> newTimer(Duration duration) {
        requireWait(duration, "duration");
        return WorkflowRuntimes.current().newTimer(duration);
    }

    /**
     * Blocks the calling workflow thread until {@code condition} holds. The condition is re-evaluated after each step
     * of the workflow (an activity result, a timer, another workflow thread yielding), so it must read only workflow
     * state and must not block.
     */
    public static void await(BooleanSupplier condition) {
        InvalidArgumentException.requireNonNull(condition, "condition");
        WorkflowRuntimes.current().await(condition);
    }

    /**
     * Blocks until {@code condition} holds or {@code timeout} passes on a durable timer, and returns whether the
     * condition held. A condition that already holds returns true at once without a timer; a timer that lost is
     * canceled (recorded in history and removed from the store).
     */
    public static boolean await(Duration timeout, BooleanSupplier condition) {
        requireWait(timeout, "timeout");
        InvalidArgumentException.requireNonNull(condition, "condition");
        return WorkflowRuntimes.current().await(timeout, condition);
    }

    /**
     * A cancellation scope that runs {@code body} when {@link CancellationScope#run()} is called; it is canceled with the
     * scope that created it, and {@link CancellationScope#cancel()} cancels only what was started inside it.
     */
    public static CancellationScope newCancellationScope(Runnable body) {
        InvalidArgumentException.requireNonNull(body, "body");
        return WorkflowRuntimes.current().newCancellationScope(false, body);
    }

    /**
     * A cancellation scope that is not canceled when the workflow (or the scope that created it) is: use it to run
     * cleanup, such as compensating activities, after catching {@link CanceledFailure}.
     */
    public static CancellationScope newDetachedCancellationScope(Runnable body) {
        InvalidArgumentException.requireNonNull(body, "body");
        return WorkflowRuntimes.current().newCancellationScope(true, body);
    }

    /**
     * Calls {@code supplier} once and records its value in history; a replay returns the recorded value without calling
     * it. For short non-deterministic reads (an ID, a config flag). If the supplier throws, the run is parked with the
     * error, as for a bug in workflow code. The value must be JSON-serializable as {@code type}.
     */
    public static <T> T sideEffect(Class<T> type, Supplier<T> supplier) {
        InvalidArgumentException.requireNonNull(type, "type");
        InvalidArgumentException.requireNonNull(supplier, "supplier");
        return WorkflowRuntimes.current().sideEffect(type, supplier);
    }

    /**
     * Calls {@code supplier} and records its value only when it differs (as JSON) from the last value recorded under
     * {@code id}; returns the value. A replay returns the values recorded at the same calls without calling the
     * supplier. For values that change rarely and are read often (a feature flag, a tuning setting).
     */
    public static <T> T mutableSideEffect(String id, Class<T> type, Supplier<T> supplier) {
        InvalidArgumentException.requireNonBlank(id, "id");
        InvalidArgumentException.requireNonNull(type, "type");
        InvalidArgumentException.requireNonNull(supplier, "supplier");
        return WorkflowRuntimes.current().mutableSideEffect(id, type, supplier);
    }

    /**
     * Which version of a code change this run follows, so changed code can keep running histories recorded by older
     * code: the first call for {@code changeId} in a live run records {@code maxSupported} in history and returns it;
     * a replay returns the recorded version, or {@link #DEFAULT_VERSION} if the history was recorded before the change
     * existed. Later calls in the same run return the same version. A recorded version outside
     * {@code [minSupported, maxSupported]} parks the run with an {@link UnsupportedVersionException} naming the change.
     *
     * <pre>{@code
     * int v = Workflow.getVersion("charge-before-ship", Workflow.DEFAULT_VERSION, 1);
     * if (v == Workflow.DEFAULT_VERSION) { ship(); charge(); } else { charge(); ship(); }
     * }</pre>
     */
    public static int getVersion(String changeId, int minSupported, int maxSupported) {
        InvalidArgumentException.requireNonBlank(changeId, "changeId");
        if (minSupported < DEFAULT_VERSION) {
            throw new InvalidArgumentException("minSupported of change '" + changeId + "' must be at least "
                    + "Workflow.DEFAULT_VERSION (-1), was " + minSupported);
        }
        if (minSupported > maxSupported) {
            throw new InvalidArgumentException("minSupported (" + minSupported + ") of change '" + changeId
                    + "' must not exceed maxSupported (" + maxSupported + "); pass the oldest version the code still"
                    + " runs, then the newest");
        }
        return WorkflowRuntimes.current().getVersion(changeId, minSupported, maxSupported);
    }

    /**
     * Completes this run and starts a new run of the same workflow (same workflow ID, type and task queue) with
     * {@code args} for its workflow method and a fresh, empty history, in one atomic commit. Use it to keep long-lived
     * workflows under the history limits. Never returns: the calling thread unwinds (do not catch {@link Error}), and
     * no other workflow thread runs afterwards. Handles and result waits follow the chain to the final run's result;
     * the execution timeout spans the whole chain, the run timeout applies to each run. Arguments must match the
     * workflow method's parameters, else the run is parked with an {@link InvalidArgumentException}.
     */
    public static void continueAsNew(Object... args) {
        WorkflowRuntimes.current().continueAsNew(args == null ? new Object[] {null} : args);
    }

    /** A promise that workflow code completes itself, for example to hand a value from one workflow thread to another. */
    public static <T> CompletablePromise<T> newPromise() {
        return WorkflowRuntimes.current().newPromise();
    }

    /**
     * A FIFO queue of at most {@code capacity} elements for producer/consumer between the workflow threads of this run;
     * blocking operations block deterministically. Not for use across runs or outside workflow code.
     */
    public static <E> WorkflowQueue<E> newQueue(int capacity) {
        if (capacity < 1) {
            throw new InvalidArgumentException("capacity must be at least 1, was " + capacity);
        }
        return WorkflowRuntimes.current().newQueue(capacity);
    }

    /** The workflow's deterministic "now": the time of the workflow task being executed (use it, not the JDK clock). */
    public static Instant currentTime() {
        return WorkflowRuntimes.current().currentTime();
    }

    /** A random generator seeded per run, giving the same numbers on replay. Use it instead of {@code new Random()}. */
    public static Random random() {
        return WorkflowRuntimes.current().random();
    }

    /** A random UUID that is the same on replay. Use it instead of {@link UUID#randomUUID()}. */
    public static UUID randomUUID() {
        return WorkflowRuntimes.current().randomUUID();
    }

    /** Whether the code is re-executing history that was already recorded (rarely needed; see {@link #logger}). */
    public static boolean isReplaying() {
        return WorkflowRuntimes.current().isReplaying();
    }

    /** Facts about the running workflow: its ID, run ID, type and task queue. */
    public static WorkflowInfo info() {
        return WorkflowRuntimes.current().info();
    }

    /** A logger that writes through the engine's logging and stays silent while replaying, so no line repeats. */
    public static System.Logger logger(Class<?> type) {
        return WorkflowRuntimes.current().logger(type.getName());
    }

    static void requireWait(Duration d, String argument) {
        InvalidArgumentException.requireNonNull(d, argument);
        if (d.isNegative()) {
            throw new InvalidArgumentException(argument + " must not be negative, was " + d
                    + "; pass Duration.ZERO to not wait");
        }
    }

    /**
     * A stub of a {@link WorkflowInterface} whose workflow method starts a child workflow and blocks until it closes,
     * returning its result or throwing {@link ChildWorkflowFailure}. Call it through {@link Async#function} to run the
     * child in parallel. Each stub starts one child per call.
     */
    public static <T> T newChildWorkflowStub(Class<T> workflowInterface, ChildWorkflowOptions options) {
        return WorkflowRuntimes.current().newChildWorkflowStub(workflowInterface, options);
    }

    /** Like {@link #newChildWorkflowStub(Class, ChildWorkflowOptions)} with {@link ChildWorkflowOptions#defaults()}. */
    public static <T> T newChildWorkflowStub(Class<T> workflowInterface) {
        return newChildWorkflowStub(workflowInterface, ChildWorkflowOptions.defaults());
    }

    /**
     * A promise of the run ID of the child most recently started through {@code childStub} (completed once the
     * child's start is recorded in this workflow's history; failed with {@link ChildWorkflowFailure} if it could not
     * start).
     */
    public static Promise<String> childStarted(Object childStub) {
        return WorkflowRuntimes.current().childStarted(childStub);
    }

    /**
     * A stub of another workflow: calling its {@link SignalMethod} methods sends signals, recorded once in this
     * workflow's history so a replay does not resend them.
     */
    public static <T> T newExternalWorkflowStub(Class<T> workflowInterface, String workflowId) {
        return WorkflowRuntimes.current().newExternalWorkflowStub(workflowInterface, workflowId);
    }

    /**
     * Asks workflow {@code workflowId} to cancel, recorded once in this workflow's history; the promise completes
     * when the request is recorded in the target (or fails with {@link ApplicationFailure} if it is unknown or closed).
     */
    public static Promise<Void> cancelExternal(String workflowId) {
        return WorkflowRuntimes.current().cancelExternal(workflowId);
    }
}
