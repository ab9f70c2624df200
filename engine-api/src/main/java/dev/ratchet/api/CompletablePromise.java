package dev.ratchet.api;

/**
 * A {@link Promise} that workflow code completes itself ({@link Workflow#newPromise()}). Completing it wakes the
 * workflow threads waiting on it at their next turn. Only for the workflow threads of the run that created it.
 */
public interface CompletablePromise<T> extends Promise<T> {
    /** Completes the promise with {@code value}; returns false (and changes nothing) if it was already completed. */
    boolean complete(T value);

    /** Fails the promise with {@code failure}; returns false (and changes nothing) if it was already completed. */
    boolean completeExceptionally(RuntimeException failure);
}
