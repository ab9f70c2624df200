package dev.ratchet.api;

import dev.ratchet.api.spi.ActivityContexts;

/** What activity implementations call to learn about the attempt they are running. */
public final class Activity {
    private Activity() {
    }

    /**
     * The context of the activity running on this thread.
     *
     * @throws RatchetException when called outside an activity
     */
    public static ActivityContext context() {
        return ActivityContexts.current();
    }
}
