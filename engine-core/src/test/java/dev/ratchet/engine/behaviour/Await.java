package dev.ratchet.engine.behaviour;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits on a condition with a deadline (never a fixed sleep as an assertion). */
public final class Await {
    private Await() {
    }

    /** Polls {@code condition} every 10 ms until it holds; fails with {@code what} after {@code timeout}. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }
}
