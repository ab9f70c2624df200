package dev.ratchet.engine.internal.client;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.WorkflowOptions;
import dev.ratchet.engine.internal.definition.WorkflowDefinition;

/**
 * Captures the workflow-method call a typed {@code start(() -> stub.method(args))} makes on a stub, instead of
 * executing it. Confined to the calling thread.
 */
final class StartCapture {
    record Call(WorkflowDefinition definition, WorkflowOptions options, Object[] args) {
    }

    private static final ThreadLocal<StartCapture> ACTIVE = new ThreadLocal<>();
    private Call call;

    static StartCapture begin() {
        StartCapture c = new StartCapture();
        ACTIVE.set(c);
        return c;
    }

    /** Records the call if a capture is active on this thread; returns whether it did. */
    static boolean offer(WorkflowDefinition def, WorkflowOptions options, Object[] args) {
        StartCapture c = ACTIVE.get();
        if (c == null) {
            return false;
        }
        if (c.call != null) {
            throw new InvalidArgumentException("the start call invoked more than one workflow method; call exactly "
                    + "one method of one stub, e.g. client.start(() -> stub.run(arg))");
        }
        c.call = new Call(def, options, args == null ? new Object[0] : args);
        return true;
    }

    Call end() {
        ACTIVE.remove();
        if (call == null) {
            throw new InvalidArgumentException("the start call invoked no workflow method of a stub; pass a call on a "
                    + "stub from client.newWorkflow(...), e.g. client.start(() -> stub.run(arg))");
        }
        return call;
    }

    void abandon() {
        ACTIVE.remove();
    }
}
