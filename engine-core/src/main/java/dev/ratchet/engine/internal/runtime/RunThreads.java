package dev.ratchet.engine.internal.runtime;

import dev.ratchet.api.Functions;
import dev.ratchet.api.Promise;
import java.util.function.BooleanSupplier;

/**
 * A run's workflow threads: starting them (the root, message handlers, {@code Async} work), blocking them until a
 * condition holds or their cancellation scope is canceled, and locating user code for non-determinism reports. Only one
 * thread runs at a time, in creation order ({@link DeterministicScheduler}). Confined like the run's other state.
 */
final class RunThreads {
    private final WorkflowRun run;
    private final DeterministicScheduler scheduler;
    private final RunContext context;
    private final RunScope rootScope;
    private int threadCounter;

    RunThreads(WorkflowRun run, DeterministicScheduler scheduler, RunContext context, RunScope rootScope) {
        this.run = run;
        this.scheduler = scheduler;
        this.context = context;
        this.rootScope = rootScope;
    }

    /** Adds a workflow thread that runs {@code body}; it joins the scheduler's next round, in creation order. */
    void startThread(String name, Runnable body) {
        WorkflowThread thread = new WorkflowThread("workflow " + run.info().workflowId() + " " + name + " "
                + (++threadCounter), run.isReplaying() ? location() : null, context, body);
        thread.scope(rootScope); // message handlers belong to the run: canceling the workflow cancels them
        scheduler.add(thread);
    }

    /** Starts {@code body} on a new workflow thread of the current scope ({@code Async}); its promise gets the result. */
    <R> Promise<R> newThread(Functions.Func<R> body) {
        run.checkWritable("start a workflow thread");
        if (run.isClosed()) {
            throw new IllegalStateException("workflow " + run.info().workflowId() + " already closed");
        }
        RunPromise<R> promise = new RunPromise<>(run);
        String origin = run.isReplaying() ? location() : null;
        RunScope scope = currentScope();
        String name = "workflow " + run.info().workflowId() + " thread " + (++threadCounter);
        WorkflowThread thread = new WorkflowThread(name, origin, context, () -> {
            try {
                promise.complete(body.apply());
            } catch (WorkflowThread.DestroyedError e) {
                throw e;
            } catch (RuntimeException e) {
                promise.completeExceptionally(e);
            } catch (Error e) {
                run.outcome().fail(e);
            }
        });
        thread.scope(scope); // Async work belongs to the scope that started it
        scheduler.add(thread);
        return promise;
    }

    /**
     * Blocks the calling workflow thread until {@code condition} holds; throws {@link dev.ratchet.api.CanceledFailure}
     * instead if its cancellation scope is (or gets) canceled first.
     */
    void yieldUntil(BooleanSupplier condition) {
        run.checkWritable("block (await, sleep, or wait on a promise)");
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

    /** Stops the calling workflow thread for good (until the run is evicted). Never returns. */
    RuntimeException blockForever() {
        currentThread().yieldUntil(() -> false); // not through yieldUntil: cancellation must not wake it
        throw new IllegalStateException("a workflow thread blocked for good was resumed");
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
        return RunScope.child(run, currentScope(), detached, body);
    }

    /**
     * Where user code issued a command; walked only while replaying, where a mismatch needs it. A call with no user
     * frame on its stack (a method reference run by {@code Async}) is located where its workflow thread was started.
     */
    String location() {
        if (!run.isReplaying()) {
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
