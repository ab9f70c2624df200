package dev.ratchet.engine.internal.runtime;

import dev.ratchet.api.spi.WorkflowRuntime;
import dev.ratchet.api.spi.WorkflowRuntimes;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One thread of workflow code: a virtual thread that runs only while the {@link DeterministicScheduler} hands it
 * control, and hands control back whenever it blocks on the runtime. So at most one thread of a run executes at a
 * time, in a fixed order, and the interleaving is the same on every replay.
 *
 * <p>Design note: the hand-off is two semaphores (one permit each way) rather than a shared lock, so the scheduler can
 * wait for a yield with a timeout and report a thread that blocks outside the runtime as a potential deadlock.
 */
final class WorkflowThread {
    /** Thrown inside a parked workflow thread to unwind it when its run is evicted. */
    static final class DestroyedError extends Error {
        DestroyedError() {
            super("workflow run evicted from the cache", null, false, false);
        }
    }

    private final String name;
    private final String origin;
    private final Runnable body;
    private final WorkflowRuntime runtime;
    private final Semaphore runPermit = new Semaphore(0);
    private final Semaphore yieldPermit = new Semaphore(0);
    private Thread thread;
    private volatile BooleanSupplier waitingFor;
    private volatile boolean done;
    private volatile boolean destroyRequested;
    private volatile Throwable failure;
    /** The cancellation scope the thread's code runs in; touched only by the run's confined code. */
    private RunScope scope;

    WorkflowThread(String name, WorkflowRuntime runtime, Runnable body) {
        this(name, null, runtime, body);
    }

    /** A thread started by workflow code at {@code origin} (a code location, or null when unknown). */
    WorkflowThread(String name, String origin, WorkflowRuntime runtime, Runnable body) {
        this.name = name;
        this.origin = origin;
        this.runtime = runtime;
        this.body = body;
    }

    /** Where workflow code started this thread, or null (the root thread, or not recorded). */
    String origin() {
        return origin;
    }

    RunScope scope() {
        return scope;
    }

    void scope(RunScope s) {
        this.scope = s;
    }

    boolean isDone() {
        return done;
    }

    Throwable failure() {
        return failure;
    }

    /** Whether the thread can make progress: not started yet, or its wait condition holds. */
    boolean isRunnable() {
        if (done) {
            return false;
        }
        BooleanSupplier condition = waitingFor;
        return thread == null || condition == null || condition.getAsBoolean();
    }

    /**
     * Lets the thread run until it yields or finishes. Returns false if it did not hand control back within
     * {@code timeoutNanos} (it is blocked outside the runtime).
     */
    boolean runSlice(long timeoutNanos) throws InterruptedException {
        if (thread == null) {
            thread = Thread.ofVirtual().name(name).unstarted(this::main);
            thread.start();
        } else {
            waitingFor = null;
            runPermit.release();
        }
        return yieldPermit.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Called on this workflow thread: hands control back until {@code condition} holds. */
    void yieldUntil(BooleanSupplier condition) {
        if (condition.getAsBoolean()) {
            return;
        }
        waitingFor = condition;
        yieldPermit.release();
        runPermit.acquireUninterruptibly();
        if (destroyRequested) {
            throw new DestroyedError();
        }
    }

    /** The stack of the thread, for deadlock reports. */
    StackTraceElement[] stackTrace() {
        Thread t = thread;
        return t == null ? new StackTraceElement[0] : t.getStackTrace();
    }

    /** Unwinds a parked thread (its run was evicted); a thread stuck outside the runtime is interrupted. */
    void destroy() {
        if (done || thread == null) {
            done = true;
            return;
        }
        destroyRequested = true;
        if (waitingFor != null) {
            runPermit.release();
        } else {
            thread.interrupt();
        }
    }

    private void main() {
        WorkflowRuntimes.bind(runtime);
        try {
            body.run();
        } catch (DestroyedError e) {
            // evicted: nothing to record
        } catch (Throwable t) {
            failure = t;
        } finally {
            done = true;
            WorkflowRuntimes.bind(null);
            yieldPermit.release();
        }
    }
}
