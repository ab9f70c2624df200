package dev.ratchet.api;

import dev.ratchet.api.spi.WorkflowRuntimes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The result of an asynchronous operation inside workflow code (an activity started with {@link Async}, a timer, a
 * {@link Workflow#newPromise()}). {@link #get()} blocks the workflow thread deterministically (it yields to the
 * engine's scheduler, never to the OS), so it may be used freely in workflow code. Not for use outside workflow code
 * or across runs.
 */
public interface Promise<T> {
    /** Waits for the value; throws the operation's failure if it failed. */
    T get();

    /** Whether the value or failure is available. */
    boolean isCompleted();

    /**
     * Waits for the value at most {@code timeout} of workflow time (a durable timer, canceled if the value comes
     * first); throws a {@link TimeoutFailure} of type {@link TimeoutType#PROMISE_GET} when the time is up. The
     * operation itself goes on.
     */
    default T get(Duration timeout) {
        Workflow.requireWait(timeout, "timeout");
        if (!isCompleted() && !WorkflowRuntimes.current().await(timeout, this::isCompleted)) {
            throw new TimeoutFailure(TimeoutType.PROMISE_GET, "the promise did not complete within " + timeout
                    + " of workflow time");
        }
        return get();
    }

    /**
     * A promise of {@code fn} applied to this promise's value, or failed with this promise's failure. {@code fn} runs
     * on a new workflow thread, so it may block and call {@link Workflow} methods.
     */
    default <U> Promise<U> thenApply(Function<? super T, ? extends U> fn) {
        InvalidArgumentException.requireNonNull(fn, "fn");
        return Async.function(() -> fn.apply(get()));
    }

    /**
     * A promise of {@code fn} applied to this promise's outcome: {@code (value, null)} on success,
     * {@code (null, failure)} on failure. {@code fn} runs on a new workflow thread.
     */
    default <U> Promise<U> handle(BiFunction<? super T, RuntimeException, ? extends U> fn) {
        InvalidArgumentException.requireNonNull(fn, "fn");
        return Async.function(() -> {
            T value;
            try {
                value = get();
            } catch (RuntimeException failure) {
                return fn.apply(null, failure);
            }
            return fn.apply(value, null);
        });
    }

    /**
     * A promise of this promise's value, or of {@code fn} applied to its failure. {@code fn} runs on a new workflow
     * thread.
     */
    default Promise<T> exceptionally(Function<RuntimeException, ? extends T> fn) {
        InvalidArgumentException.requireNonNull(fn, "fn");
        return Async.function(() -> {
            try {
                return get();
            } catch (RuntimeException failure) {
                return fn.apply(failure);
            }
        });
    }

    /**
     * A promise completed when every one of {@code promises} has completed, or failed as soon as one fails (with that
     * failure). An empty collection gives a completed promise.
     */
    static Promise<Void> allOf(Collection<? extends Promise<?>> promises) {
        return WorkflowRuntimes.current().allOf(checked(promises));
    }

    /** Like {@link #allOf(Collection)} for promises given one by one. */
    static Promise<Void> allOf(Promise<?>... promises) {
        InvalidArgumentException.requireNonNull(promises, "promises");
        return allOf(Arrays.asList(promises));
    }

    /**
     * A promise completed with the value (or failed with the failure) of the first of {@code promises} to complete;
     * among promises completed by the same step, the first in the collection wins.
     */
    static <T> Promise<T> anyOf(Collection<? extends Promise<? extends T>> promises) {
        List<? extends Promise<? extends T>> list = checked(promises);
        if (list.isEmpty()) {
            throw new InvalidArgumentException("promises must not be empty: anyOf of nothing would never complete");
        }
        return WorkflowRuntimes.current().anyOf(list);
    }

    /** Like {@link #anyOf(Collection)} for promises given one by one. */
    @SafeVarargs
    static <T> Promise<T> anyOf(Promise<? extends T>... promises) {
        InvalidArgumentException.requireNonNull(promises, "promises");
        return anyOf(Arrays.asList(promises));
    }

    private static <P extends Promise<?>> List<P> checked(Collection<P> promises) {
        InvalidArgumentException.requireNonNull(promises, "promises");
        List<P> list = new ArrayList<>(promises);
        for (int i = 0; i < list.size(); i++) {
            InvalidArgumentException.requireNonNull(list.get(i), "promises[" + i + "]");
        }
        return list;
    }
}
