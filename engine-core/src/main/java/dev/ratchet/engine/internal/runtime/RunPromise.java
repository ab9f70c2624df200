package dev.ratchet.engine.internal.runtime;

import dev.ratchet.api.Promise;

/**
 * A promise completed by the engine when an event is delivered (activity result, timer fired). {@link #get()} yields
 * the calling workflow thread until then. Confined to one run's workflow threads and its task processor, which never
 * run at the same time.
 */
final class CompletablePromise<T> implements Promise<T> {
    private final WorkflowRun run;
    private boolean completed;
    private T value;
    private RuntimeException failure;

    CompletablePromise(WorkflowRun run) {
        this.run = run;
    }

    void complete(T v) {
        if (!completed) {
            value = v;
            completed = true;
        }
    }

    void fail(RuntimeException f) {
        if (!completed) {
            failure = f;
            completed = true;
        }
    }

    @Override
    public boolean isCompleted() {
        return completed;
    }

    @Override
    public T get() {
        if (!completed) {
            run.yieldUntil(this::isCompleted);
        }
        if (failure != null) {
            throw failure;
        }
        return value;
    }

}
