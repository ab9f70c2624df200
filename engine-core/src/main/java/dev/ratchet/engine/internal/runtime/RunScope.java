package dev.ratchet.engine.internal.runtime;

import dev.ratchet.api.CanceledFailure;
import dev.ratchet.api.CancellationScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link CancellationScope} of one run. Canceling it runs the cancel hooks of what was started in it (timers,
 * activities) in the order they were registered, then cancels its attached children in creation order; both orders
 * depend only on the code and the events delivered, so a replay issues the same cancel commands. Confined like the
 * run's other state.
 */
final class RunScope implements CancellationScope {
    private final WorkflowRun run;
    private final RunScope parent;
    private final boolean detached;
    private final Runnable body;
    private final List<RunScope> children = new ArrayList<>();
    /** Keyed by the promise of what the hook cancels, so a completed timer or activity forgets its hook. */
    private final Map<Object, Runnable> hooks = new LinkedHashMap<>();
    private boolean started;
    private boolean cancelRequested;

    private RunScope(WorkflowRun run, RunScope parent, boolean detached, Runnable body) {
        this.run = run;
        this.parent = parent;
        this.detached = detached;
        this.body = body;
    }

    /** The scope of the workflow method, canceled by a client's cancel request. */
    static RunScope root(WorkflowRun run) {
        RunScope s = new RunScope(run, null, false, null);
        s.started = true;
        return s;
    }

    /** A scope created by workflow code in {@code parent}; an attached one starts canceled if its parent is. */
    static RunScope child(WorkflowRun run, RunScope parent, boolean detached, Runnable body) {
        RunScope s = new RunScope(run, detached ? null : parent, detached, body);
        if (!detached) {
            parent.children.add(s);
            s.cancelRequested = parent.cancelRequested;
        }
        return s;
    }

    @Override
    public void run() {
        WorkflowThread thread = run.threads().currentThread();
        if (started) {
            throw new IllegalStateException("a cancellation scope runs once; create a new scope to run again");
        }
        started = true;
        RunScope previous = thread.scope();
        thread.scope(this);
        try {
            body.run();
        } finally {
            thread.scope(previous);
            // the scope is done with: a parent's cancellation no longer needs to reach it
            if (parent != null) {
                parent.children.remove(this);
            }
        }
    }

    @Override
    public void cancel() {
        if (cancelRequested) {
            return;
        }
        cancelRequested = true;
        List<Runnable> toRun = new ArrayList<>(hooks.values());
        hooks.clear();
        toRun.forEach(Runnable::run);
        for (RunScope child : List.copyOf(children)) {
            child.cancel();
        }
    }

    @Override
    public boolean isCancelRequested() {
        return cancelRequested;
    }

    @Override
    public boolean isDetached() {
        return detached;
    }

    /** Registers what to do when this scope is canceled; runs it at once if it already is. */
    void onCancel(Object key, Runnable hook) {
        if (cancelRequested) {
            hook.run();
        } else {
            hooks.put(key, hook);
        }
    }

    /** Drops the hook of something that finished by itself. */
    void forget(Object key) {
        hooks.remove(key);
    }

    /** Throws {@link CanceledFailure} if this scope was canceled: called where workflow code would block. */
    void throwIfCanceled() {
        if (cancelRequested) {
            throw new CanceledFailure(root() ? "workflow " + run.info().workflowId() + " was canceled"
                    : "cancellation scope was canceled");
        }
    }

    private boolean root() {
        return parent == null && !detached;
    }

    @Override
    public String toString() {
        return "CancellationScope[" + (root() ? "root" : detached ? "detached" : "attached")
                + (cancelRequested ? ", canceled" : "") + "]";
    }
}
