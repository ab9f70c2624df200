package dev.ratchet.api;

import java.time.Instant;
import java.util.Optional;

/**
 * Facts about the activity attempt running on the current thread, from {@link Activity#context()}, and the calls an
 * attempt makes to report progress or to complete later. Usable from the attempt's thread and, for
 * {@link #heartbeat}, from threads it starts.
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

    /** When the workflow scheduled the activity (engine clock). */
    Instant scheduledTime();

    /** When this attempt started (engine clock). */
    Instant startedTime();

    /**
     * A key that is the same for every attempt of this activity invocation, across retries, restarts and replays, and
     * different for every other invocation. Pass it to external systems (payment APIs, an "already done" table) so
     * that the activity's effect happens once even though the activity may run more than once.
     */
    String idempotencyKey();

    /**
     * Records progress: {@code details} (any JSON-writable value, or null for a bare beat) are stored durably and given
     * to the next attempt by {@link #heartbeatDetails(Class)}, and the beat resets the heartbeat timeout. Writes may be
     * coalesced, but the latest details are always written before this attempt's timeout, failure or release is
     * recorded.
     *
     * @throws CanceledFailure once cancellation of the activity was requested; let it propagate (after cleaning up)
     */
    void heartbeat(Object details);

    /**
     * The details of the latest heartbeat recorded for this activity by this or an earlier attempt, so a retried
     * attempt can resume from the progress of the one before it.
     */
    <T> Optional<T> heartbeatDetails(Class<T> type);

    /**
     * Declares that this attempt completes later: when the activity method returns, its return value is ignored and
     * the activity stays open until someone completes, fails or heartbeats it through
     * {@link WorkflowClient#activityCompletions()} with {@link #taskToken()} or by (workflow ID, activity ID), from
     * any thread or engine. The activity's timeouts still apply.
     */
    void doNotCompleteOnReturn();

    /** An opaque token naming this attempt, for {@link ActivityCompletionClient}; stale once the attempt ends. */
    String taskToken();
}
