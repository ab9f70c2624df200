package dev.ratchet.testing;

import java.lang.StackWalker.StackFrame;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * Refuses threads that workflow code starts. A test environment binds its watch to the threads that build and drive
 * its engine; every thread created from a thread that carries the watch inherits it (an {@link InheritableThreadLocal}
 * whose {@code childValue} runs in the creating thread while the new thread is constructed), so the engine's threads
 * and the workflow threads they create carry it too. When the creating thread is a workflow thread running workflow
 * code, the construction fails with an {@link IllegalStateException} naming the call and the deterministic
 * alternative: the workflow code throws it, and the engine parks the run with that message (or fails it, with
 * {@code failOnUnexpectedError}). Threads the engine creates (the workflow threads themselves, and any thread created
 * while engine code is innermost on the stack) pass.
 *
 * <p>This sees every way of starting a thread that constructs it in the workflow thread: {@code new Thread},
 * {@code Thread.ofPlatform()}/{@code ofVirtual()}, {@code Thread.startVirtualThread}, executors (their first task
 * creates a worker), {@code java.util.Timer}. It cannot see work handed to threads that already exist, such as the
 * common {@code ForkJoinPool} ({@code CompletableFuture.runAsync}, parallel streams): {@link WorkflowClassCheck} finds
 * those in the workflow's classes. Thread-safe.
 */
final class ThreadWatch {
    /** The engine class whose {@code main} method is at the bottom of every workflow thread's stack. */
    static final String WORKFLOW_THREAD = "dev.ratchet.engine.internal.runtime.WorkflowThread";

    /** The JDK's carrier threads of virtual threads, which its scheduler may create on any virtual thread. */
    private static final String CARRIER_THREAD = "jdk.internal.misc.CarrierThread";

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private static final InheritableThreadLocal<ThreadWatch> CURRENT = new InheritableThreadLocal<>() {
        @Override
        protected ThreadWatch childValue(ThreadWatch parent) {
            return parent == null || !parent.active ? null : parent.created();
        }
    };

    private volatile boolean active = true;

    /** Code run with the watch bound. */
    interface Body<T, E extends Throwable> {
        T run() throws E;
    }

    /** Runs {@code body} with this watch bound to the calling thread, so the threads it creates carry it. */
    <T, E extends Throwable> T bound(Body<T, E> body) throws E {
        ThreadWatch previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.run();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Stops refusing and passing the watch on (the environment closed). */
    void close() {
        active = false;
    }

    /** Called in the creating thread while a thread is constructed; throws if workflow code is creating it. */
    private ThreadWatch created() {
        if (!Thread.currentThread().isVirtual()) {
            return this; // workflow threads are virtual threads: a platform thread is the engine's or the test's
        }
        List<StackFrame> frames = WALKER.walk(s -> s.toList());
        if (frames.stream().noneMatch(f -> f.getClassName().equals(WORKFLOW_THREAD)
                && f.getMethodName().equals("main"))) {
            return this;
        }
        int caller = 0;
        while (caller < frames.size() && (isJdk(frames.get(caller)) || isWatch(frames.get(caller)))) {
            caller++;
        }
        if (caller == frames.size() || caller == 0 || isRuntime(frames.get(caller))) {
            return this; // the engine's own (e.g. a carrier thread for a workflow thread it wakes)
        }
        if (frames.subList(0, caller).stream().anyMatch(f -> f.getClassName().equals(CARRIER_THREAD))) {
            return this; // the JDK's virtual-thread scheduler adding a carrier (e.g. while a workflow thread pins one)
        }
        boolean virtual = frames.subList(0, caller).stream().anyMatch(f -> f.getClassName().equals(
                "java.lang.VirtualThread") || f.getClassName().startsWith("java.lang.ThreadBuilders$Virtual"));
        throw new IllegalStateException(message(frames.get(caller - 1), virtual, frames.get(caller).toString()));
    }

    private static String message(StackFrame callee, boolean virtual, String where) {
        String call = call(callee.getDeclaringClass(), callee.getMethodName());
        if (virtual && !call.contains("irtual")) {
            call += " (a virtual thread)";
        }
        String alternative = callee.getDeclaringClass() == java.util.Timer.class
                ? "Workflow.newTimer(Duration) or Workflow.sleep(Duration), durable timers"
                : "Async.procedure(...) or Async.function(...), which run on deterministic workflow threads, with "
                        + "Promise.get() or Promise.allOf(...) to wait; or an activity for work outside the workflow";
        return "workflow code started a thread with " + call + " at " + where + ": a thread outside the Ratchet "
                + "runtime is not replayed and makes the workflow non-deterministic; use " + alternative
                + " instead (reported by the Ratchet test environment)";
    }

    private static String call(Class<?> type, String method) {
        if (type == Thread.class) {
            return method.equals("<init>") ? "new Thread(...)" : "Thread." + method + "(...)";
        }
        if (Thread.Builder.OfVirtual.class.isAssignableFrom(type)) {
            return "Thread.ofVirtual()." + method + "(...)";
        }
        if (Thread.Builder.OfPlatform.class.isAssignableFrom(type)) {
            return "Thread.ofPlatform()." + method + "(...)";
        }
        if (java.util.concurrent.ExecutorService.class.isAssignableFrom(type)) {
            return "ExecutorService." + method + "(...) (its pool starts a thread)";
        }
        if (Executor.class.isAssignableFrom(type)) {
            return "Executor." + method + "(...) (it starts a thread)";
        }
        if (ThreadFactory.class.isAssignableFrom(type)) {
            return "ThreadFactory." + method + "(...)";
        }
        String name = type.getName().startsWith("java.util.concurrent.") ? type.getSimpleName() : type.getName();
        return method.equals("<init>") ? "new " + name + "(...)" : name + "." + method + "(...)";
    }

    private static boolean isJdk(StackFrame f) {
        String c = f.getClassName();
        return c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.");
    }

    private static boolean isWatch(StackFrame f) {
        return f.getClassName().startsWith(ThreadWatch.class.getName());
    }

    /** Ratchet's own code: the engine and the API facade workflow code calls into. */
    private static boolean isRuntime(StackFrame f) {
        String c = f.getClassName();
        return c.startsWith("dev.ratchet.engine.") || c.startsWith("dev.ratchet.api.")
                || c.startsWith("dev.ratchet.jdbc.");
    }
}
