package dev.ratchet.engine;

/**
 * Hooks into an engine's work for test environments: a time-skipping clock needs to know when the engine has nothing
 * in flight, and a determinism checker may explain a blocked workflow thread better than the generic deadlock report.
 * Set with {@link Engine.Builder#probe}; production engines need none. Every method has a no-op default.
 * Implementations must be thread-safe, quick and must not throw: they are called from the engine's worker threads.
 */
public interface EngineProbe {

    /**
     * A unit of work began that may run workflow code or write to the store (a workflow task, an activity attempt, a
     * timer firing, a poll of the store). Units nest and overlap; a unit hands its follow-up work to a new unit
     * before it {@linkplain #workFinished finishes}, so the count of unfinished units drops to zero only when the
     * engine has nothing in flight.
     */
    default void workStarted() {
    }

    /** A unit of work reported by {@link #workStarted} ended, however it ended. */
    default void workFinished() {
    }

    /**
     * A workflow thread blocked outside the runtime past the deadlock timeout; {@code stack} is where it is stuck.
     * Return a message to park the run at once with it (no retries), or null to keep the engine's default (retry the
     * task a few times, as a starved CPU can look like a deadlock, then park it).
     */
    default String explainBlockedWorkflow(StackTraceElement[] stack) {
        return null;
    }
}
