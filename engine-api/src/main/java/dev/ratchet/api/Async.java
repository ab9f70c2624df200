package dev.ratchet.api;

import dev.ratchet.api.spi.WorkflowRuntimes;

/**
 * Runs a call on a new workflow thread and returns its {@link Promise} at once, for parallelism inside one workflow:
 * {@code Async.function(inventory::reserve, item)} starts an activity without waiting for it. Workflow threads run one
 * at a time in creation order, so the interleaving is the same on every replay. Callable only from workflow code.
 *
 * <pre>{@code
 * List<Promise<Integer>> parts = new ArrayList<>();
 * for (int i = 0; i < 100; i++) { parts.add(Async.function(math::square, i)); }
 * Promise.allOf(parts).get();
 * }</pre>
 */
public final class Async {
    private Async() {
    }

    /** Runs {@code fn} on a new workflow thread; the promise holds its result or the exception it threw. */
    public static <R> Promise<R> function(Functions.Func<R> fn) {
        InvalidArgumentException.requireNonNull(fn, "fn");
        return WorkflowRuntimes.current().newThread(fn);
    }

    /** Runs {@code fn(a)} on a new workflow thread, for method references such as {@code activities::charge}. */
    public static <A, R> Promise<R> function(Functions.Func1<A, R> fn, A a) {
        InvalidArgumentException.requireNonNull(fn, "fn");
        return function(() -> fn.apply(a));
    }

    /** Runs {@code fn(a, b)} on a new workflow thread. */
    public static <A, B, R> Promise<R> function(Functions.Func2<A, B, R> fn, A a, B b) {
        InvalidArgumentException.requireNonNull(fn, "fn");
        return function(() -> fn.apply(a, b));
    }

    /** Runs {@code fn(a, b, c)} on a new workflow thread. */
    public static <A, B, C, R> Promise<R> function(Functions.Func3<A, B, C, R> fn, A a, B b, C c) {
        InvalidArgumentException.requireNonNull(fn, "fn");
        return function(() -> fn.apply(a, b, c));
    }

    /** Runs {@code proc} on a new workflow thread; the promise completes (with null) when it returns. */
    public static Promise<Void> procedure(Functions.Proc proc) {
        InvalidArgumentException.requireNonNull(proc, "proc");
        return function(() -> {
            proc.apply();
            return null;
        });
    }

    /** Runs {@code proc(a)} on a new workflow thread. */
    public static <A> Promise<Void> procedure(Functions.Proc1<A> proc, A a) {
        InvalidArgumentException.requireNonNull(proc, "proc");
        return procedure(() -> proc.apply(a));
    }

    /** Runs {@code proc(a, b)} on a new workflow thread. */
    public static <A, B> Promise<Void> procedure(Functions.Proc2<A, B> proc, A a, B b) {
        InvalidArgumentException.requireNonNull(proc, "proc");
        return procedure(() -> proc.apply(a, b));
    }

    /** Runs {@code proc(a, b, c)} on a new workflow thread. */
    public static <A, B, C> Promise<Void> procedure(Functions.Proc3<A, B, C> proc, A a, B b, C c) {
        InvalidArgumentException.requireNonNull(proc, "proc");
        return procedure(() -> proc.apply(a, b, c));
    }
}
