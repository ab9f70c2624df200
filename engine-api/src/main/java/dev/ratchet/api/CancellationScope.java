package dev.ratchet.api;

import dev.ratchet.api.spi.WorkflowRuntimes;

/**
 * A part of workflow code that can be canceled as a whole. Canceling a scope cancels its child scopes, cancels the
 * timers started in it (recorded and removed from the store), asks the activities started in it to cancel (a
 * heartbeating activity gets {@link CanceledFailure} from its heartbeat; one that has not started never runs), and makes
 * every blocking call in it (activity result, sleep, timer, await, promise get) throw {@link CanceledFailure}.
 *
 * <p>The workflow method runs in the root scope, which {@link WorkflowClient#cancel(String)} cancels. A
 * {@linkplain Workflow#newDetachedCancellationScope detached} scope is not canceled with its parent, so cleanup can
 * still call activities after the workflow was canceled. Workflow threads started by {@link Async} belong to the scope
 * that started them. Callable only from workflow code.
 *
 * <p>Cancellation is reported to workflow code at once (like Temporal's TRY_CANCEL): the code does not wait for a
 * running activity to acknowledge it, and that activity's eventual outcome is ignored.
 */
public interface CancellationScope {

    /** Runs the scope's body in the calling workflow thread; a scope runs once. */
    void run();

    /** Requests cancellation of this scope and its children; calling it again has no effect. */
    void cancel();

    /** Whether cancellation of this scope (or of a parent it is attached to) was requested. */
    boolean isCancelRequested();

    /** Whether this scope is detached: not canceled when its parent is. */
    boolean isDetached();

    /** The scope of the calling workflow thread (the root scope of the workflow method unless inside {@link #run}). */
    static CancellationScope current() {
        return WorkflowRuntimes.current().currentCancellationScope();
    }
}
