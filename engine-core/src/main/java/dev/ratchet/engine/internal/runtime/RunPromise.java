package dev.ratchet.engine.internal.runtime;

import dev.ratchet.api.CompletablePromise;
import dev.ratchet.api.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every promise of a run: completed by the engine when an event is delivered (activity result, timer fired) or by
 * workflow code. {@link #get()} yields the calling workflow thread until then. Confined to one run's workflow threads
 * and its task processor, which never run at the same time.
 */
final class RunPromise<T> implements CompletablePromise<T> {
    private final WorkflowRun run;
    private boolean completed;
    private T value;
    private RuntimeException failure;
    /** Engine-internal reactions (allOf, anyOf); never user code, so they may run on the task processor's thread. */
    private List<Runnable> callbacks;

    RunPromise(WorkflowRun run) {
        this.run = run;
    }

    WorkflowRun run() {
        return run;
    }

    @Override
    public boolean complete(T v) {
        if (completed) {
            return false;
        }
        value = v;
        completed = true;
        fireCallbacks();
        return true;
    }

    @Override
    public boolean completeExceptionally(RuntimeException f) {
        InvalidArgumentException.requireNonNull(f, "failure");
        if (completed) {
            return false;
        }
        failure = f;
        completed = true;
        fireCallbacks();
        return true;
    }

    /** Runs {@code callback} once this promise completes (at once if it has). */
    void whenComplete(Runnable callback) {
        if (completed) {
            callback.run();
            return;
        }
        if (callbacks == null) {
            callbacks = new ArrayList<>(2);
        }
        callbacks.add(callback);
    }

    /** The failure, or null; only meaningful once completed. */
    RuntimeException failure() {
        return failure;
    }

    /** The value, or null; only meaningful once completed without failure. */
    T value() {
        return value;
    }

    @Override
    public boolean isCompleted() {
        return completed;
    }

    @Override
    public T get() {
        if (!completed) {
            run.threads().yieldUntil(this::isCompleted);
        }
        if (failure != null) {
            throw failure;
        }
        return value;
    }

    private void fireCallbacks() {
        List<Runnable> cs = callbacks;
        callbacks = null;
        if (cs != null) {
            cs.forEach(Runnable::run);
        }
    }

    @Override
    public String toString() {
        return "Promise[" + (!completed ? "pending" : failure != null ? "failed: " + failure : "value: " + value) + "]";
    }
}
