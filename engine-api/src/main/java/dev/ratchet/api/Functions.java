package dev.ratchet.api;

/**
 * Functional interfaces for typed starts such as {@code client.start(order::placeOrder, o)} and for
 * {@link Async#function(Func1, Object)}.
 */
public final class Functions {
    private Functions() {
    }

    /** A call that returns a value. */
    @FunctionalInterface
    public interface Func<R> {
        /** Invokes the call. */
        R apply();
    }

    /** A call with one argument that returns a value, for method references such as {@code order::placeOrder}. */
    @FunctionalInterface
    public interface Func1<A, R> {
        /** Invokes the call. */
        R apply(A argument);
    }

    /** A call that returns nothing. */
    @FunctionalInterface
    public interface Proc {
        /** Invokes the call. */
        void apply();
    }

    /** A call with one argument that returns nothing. */
    @FunctionalInterface
    public interface Proc1<A> {
        /** Invokes the call. */
        void apply(A argument);
    }

    /** A call with two arguments that returns a value. */
    @FunctionalInterface
    public interface Func2<A, B, R> {
        /** Invokes the call. */
        R apply(A first, B second);
    }

    /** A call with three arguments that returns a value. */
    @FunctionalInterface
    public interface Func3<A, B, C, R> {
        /** Invokes the call. */
        R apply(A first, B second, C third);
    }

    /** A call with two arguments that returns nothing. */
    @FunctionalInterface
    public interface Proc2<A, B> {
        /** Invokes the call. */
        void apply(A first, B second);
    }

    /** A call with three arguments that returns nothing. */
    @FunctionalInterface
    public interface Proc3<A, B, C> {
        /** Invokes the call. */
        void apply(A first, B second, C third);
    }
}
