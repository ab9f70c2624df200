package dev.ratchet.engine.internal.client;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.WorkflowOptions;
import dev.ratchet.engine.internal.definition.WorkflowDefinition;
import java.lang.reflect.Method;

/**
 * Captures the signal-method call that {@code signalWithStart(start, () -> stub.signal(args))} makes on a stub,
 * instead of sending it. Confined to the calling thread.
 */
final class SignalCapture {
    record Call(WorkflowDefinition definition, WorkflowOptions options, Method method, Object[] args) {
    }

    private static final ThreadLocal<SignalCapture> ACTIVE = new ThreadLocal<>();
    private Call call;

    static SignalCapture begin() {
        SignalCapture c = new SignalCapture();
        ACTIVE.set(c);
        return c;
    }

    /** Records the call if a capture is active on this thread; returns whether it did. */
    static boolean offer(WorkflowDefinition def, WorkflowOptions options, Method method, Object[] args) {
        SignalCapture c = ACTIVE.get();
        if (c == null) {
            return false;
        }
        if (c.call != null || !method.equals(def.handlers().signals().get(
                dev.ratchet.engine.internal.definition.MessageHandlers.nameOf(method)))) {
            ACTIVE.remove();
            throw new InvalidArgumentException("the signal call of signalWithStart must call exactly one "
                    + "@SignalMethod of a stub, e.g. () -> stub.deposit(10); it called " + method.getName());
        }
        c.call = new Call(def, options, method, args);
        return true;
    }

    Call end() {
        ACTIVE.remove();
        if (call == null) {
            throw new InvalidArgumentException("the signal call of signalWithStart invoked no @SignalMethod of a "
                    + "stub; pass a call on a stub from client.newWorkflow(...), e.g. () -> stub.deposit(10)");
        }
        return call;
    }

    void abandon() {
        ACTIVE.remove();
    }
}
