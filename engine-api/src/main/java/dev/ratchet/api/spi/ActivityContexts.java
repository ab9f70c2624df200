package dev.ratchet.api.spi;

import dev.ratchet.api.ActivityContext;
import dev.ratchet.api.RatchetException;

/** Binds an {@link ActivityContext} to the thread running an activity attempt. Used by the engine only. */
public final class ActivityContexts {
    private static final ThreadLocal<ActivityContext> CURRENT = new ThreadLocal<>();

    private ActivityContexts() {
    }

    /** Binds {@code context} to the calling thread (null unbinds). */
    public static void bind(ActivityContext context) {
        if (context == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(context);
        }
    }

    /** The context bound to the calling thread. */
    public static ActivityContext current() {
        ActivityContext c = CURRENT.get();
        if (c == null) {
            throw new RatchetException("Activity.context() may only be called from an activity implementation while "
                    + "the engine runs it, not from " + Thread.currentThread());
        }
        return c;
    }
}
