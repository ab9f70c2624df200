package dev.ratchet.examples.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a condition with a deadline (never a fixed sleep), for programs and tests outside workflow code. */
public final class Conditions {
    private Conditions() {
    }

    /** Polls {@code condition} every 10 ms until it holds; throws {@link IllegalStateException} after {@code limit}. */
    public static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + limit + " waiting until " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting until " + what, e);
            }
        }
    }
}
