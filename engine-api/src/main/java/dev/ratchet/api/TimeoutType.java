package dev.ratchet.api;

/** Which timeout fired, as named by a {@link TimeoutFailure}. */
public enum TimeoutType {
    /** One activity attempt ran longer than its start-to-close timeout. */
    START_TO_CLOSE,
    /** An activity took longer than its schedule-to-close timeout over all its attempts. */
    SCHEDULE_TO_CLOSE,
    /** An activity attempt waited longer than its schedule-to-start timeout for an engine serving its queue. */
    SCHEDULE_TO_START,
    /** A running activity attempt did not heartbeat within its heartbeat timeout. */
    HEARTBEAT,
    /** A workflow ran longer than its execution timeout (across continue-as-new). */
    WORKFLOW_EXECUTION,
    /** A workflow run ran longer than its run timeout. */
    WORKFLOW_RUN,
    /** Workflow code waited on {@link Promise#get(java.time.Duration)} longer than the timeout it gave. */
    PROMISE_GET
}
