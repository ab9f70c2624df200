package dev.ratchet.engine.store;

/** What a store answers to a heartbeat of an activity attempt. */
public enum HeartbeatResult {
    /** Recorded. */
    ACCEPTED,
    /** Recorded, and cancellation of the activity was requested: the attempt should stop. */
    CANCEL_REQUESTED,
    /** Not recorded: the fence is stale (the attempt ended, timed out or was taken over) or the activity is closed. */
    STALE
}
