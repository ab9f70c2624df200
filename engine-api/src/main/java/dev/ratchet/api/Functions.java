package dev.ratchet.api;

/** Functional interfaces for typed starts such as {@code client.start(() -> order.placeOrder(o))}. */
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
}
