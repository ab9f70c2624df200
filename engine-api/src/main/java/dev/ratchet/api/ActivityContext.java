package dev.ratchet.api;

/**
 * Facts about the activity attempt running on the current thread, from {@link Activity#context()}.
 */
public interface ActivityContext {
    /** The workflow that scheduled the activity. */
    String workflowId();

    /** The run that scheduled the activity. */
    String runId();

    /** The activity's ID within its run. */
    String activityId();

    /** The activity type name. */
    String activityType();

    /** The attempt being run, from 1. */
    int attempt();

    /**
     * A key that is the same for every attempt of this activity invocation, across retries, restarts and replays, and
     * different for every other invocation. Pass it to external systems (payment APIs, an "already done" table) so
     * that the activity's effect happens once even though the activity may run more than once.
     */
    String idempotencyKey();
}
