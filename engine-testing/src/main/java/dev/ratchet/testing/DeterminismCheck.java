package dev.ratchet.testing;

import java.util.List;

/**
 * Names what a workflow thread reported as a potential deadlock is blocked in, from its stack, and the deterministic
 * alternative. Unknown stacks (e.g. a long computation) get no explanation, so the engine's retries apply. Stateless,
 * thread-safe.
 */
final class DeterminismCheck {

    /** A blocking call recognized by the frame it is stuck in. */
    private record Rule(String className, String methodPrefix, String call, String alternative) {
        boolean matches(StackTraceElement e) {
            return e.getClassName().equals(className) && e.getMethodName().startsWith(methodPrefix);
        }
    }

    private static final String ASYNC = "Async.function(...) or Async.procedure(...) and Promise.get()";

    private static final List<Rule> RULES = List.of(
            new Rule("java.lang.Thread", "sleep", "Thread.sleep",
                    "Workflow.sleep(Duration), a durable timer"),
            new Rule("java.lang.Thread", "join", "Thread.join",
                    ASYNC + ", which run deterministically on workflow threads"),
            new Rule("java.lang.Object", "wait", "Object.wait (a synchronized wait)",
                    "Workflow.await(() -> condition) on workflow state"),
            new Rule("java.util.concurrent.CompletableFuture", "get", "CompletableFuture.get", ASYNC),
            new Rule("java.util.concurrent.CompletableFuture", "join", "CompletableFuture.join", ASYNC),
            new Rule("java.util.concurrent.FutureTask", "get", "Future.get of an executor's task",
                    ASYNC + "; do not start threads or executors in workflow code"),
            new Rule("java.util.concurrent.CountDownLatch", "await", "CountDownLatch.await",
                    "Workflow.await(() -> condition)"),
            new Rule("java.util.concurrent.Semaphore", "acquire", "Semaphore.acquire",
                    "Workflow.await(() -> condition)"),
            new Rule("java.util.concurrent.locks.LockSupport", "park",
                    "a java.util.concurrent lock, queue or future (LockSupport.park)",
                    "Workflow.await(() -> condition), WorkflowQueue or Promise.get()"));

    /**
     * The explanation of a blocked workflow stack, or null when the blocking call is not recognized. The JDK frames
     * are matched from the one the workflow code called downwards, so the call the code made is named (Thread.join,
     * not the Object.wait it is built on).
     */
    String explain(StackTraceElement[] stack) {
        int user = 0;
        while (user < stack.length && isJdk(stack[user])) {
            user++;
        }
        for (int i = user - 1; i >= 0; i--) {
            for (Rule r : RULES) {
                if (r.matches(stack[i])) {
                    return message(r.call(), r.alternative(), where(stack, user));
                }
            }
            if (isIo(stack[i])) {
                return message("blocking I/O (" + stack[i].getClassName() + "." + stack[i].getMethodName() + ")",
                        "an activity: workflow code must not do I/O", where(stack, user));
            }
        }
        return null;
    }

    private static boolean isJdk(StackTraceElement e) {
        String c = e.getClassName();
        return c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.");
    }

    private static String where(StackTraceElement[] stack, int user) {
        return user < stack.length ? stack[user].toString() : "unknown";
    }

    private static boolean isIo(StackTraceElement e) {
        String c = e.getClassName();
        return c.startsWith("sun.nio.ch.") || c.startsWith("java.net.") || c.startsWith("java.io.FileInputStream")
                || c.startsWith("java.nio.channels.");
    }

    private static String message(String call, String alternative, String where) {
        return "workflow code blocked outside the Ratchet runtime in " + call + " at " + where
                + ": that call is not deterministic on replay and stalls the engine; use " + alternative
                + " instead (reported by the Ratchet test environment)";
    }
}
