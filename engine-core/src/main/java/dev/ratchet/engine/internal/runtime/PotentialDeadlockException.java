package dev.ratchet.engine.internal.runtime;

import java.time.Duration;

/**
 * A workflow thread kept running (or blocked outside the runtime, e.g. in {@code Thread.sleep} or I/O) for longer than
 * the deadlock timeout without yielding to the engine. Workflow code must block only through the runtime
 * ({@code Workflow.sleep}, activity calls, {@code Promise.get}).
 */
public final class PotentialDeadlockException extends RuntimeException {
    PotentialDeadlockException(StackTraceElement[] stack, Duration timeout) {
        super("potential deadlock: a workflow thread did not yield to the engine within " + timeout
                + "; workflow code must not block outside the runtime (use Workflow.sleep, not Thread.sleep; call "
                + "activities for I/O). Its stack:" + format(stack));
        setStackTrace(stack);
    }

    private static String format(StackTraceElement[] stack) {
        StringBuilder b = new StringBuilder();
        for (StackTraceElement e : stack) {
            b.append("\n\tat ").append(e);
        }
        return b.toString();
    }
}
