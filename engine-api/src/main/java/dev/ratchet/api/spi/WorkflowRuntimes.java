package dev.ratchet.api.spi;

import dev.ratchet.api.RatchetException;

/** Binds the engine's {@link WorkflowRuntime} to the workflow thread running it. Used by the engine only. */
public final class WorkflowRuntimes {
    private static final ThreadLocal<WorkflowRuntime> CURRENT = new ThreadLocal<>();

    private WorkflowRuntimes() {
    }

    /** Binds {@code runtime} to the calling thread (null unbinds). */
    public static void bind(WorkflowRuntime runtime) {
        if (runtime == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(runtime);
        }
    }

    /** The runtime of the calling workflow thread, or null outside workflow code. */
    public static WorkflowRuntime currentOrNull() {
        return CURRENT.get();
    }

    /** The runtime of the calling workflow thread. */
    public static WorkflowRuntime current() {
        WorkflowRuntime runtime = CURRENT.get();
        if (runtime == null) {
            throw new RatchetException("this Workflow method may only be called from workflow code running in an "
                    + "engine (a @WorkflowMethod and what it calls), not from " + Thread.currentThread());
        }
        return runtime;
    }
}
