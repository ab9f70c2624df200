package dev.ratchet.engine.store;

/**
 * An activity task as a store holds it: claimed by an engine, found by a sweep for timeouts, or looked up. Identified
 * by (runId, activityId). The {@code fence} must accompany every write about this attempt; a write with a stale fence
 * is rejected, so an engine that lost its claim cannot record a late outcome.
 *
 * @param runId            the run that scheduled it
 * @param workflowId       that run's workflow ID
 * @param activityId       its ID within the run
 * @param activityType     the activity type name
 * @param taskQueue        its queue
 * @param input            arguments as a JSON array
 * @param options          options JSON as given at scheduling
 * @param attempt          the current attempt, from 1 (every claim starts a new attempt); 0 before the first claim
 * @param fence            the fencing number of the current claim
 * @param abandoned        whether the previous attempt's lease expired without an outcome (its engine died or hung)
 * @param lastFailure      the previous attempt's failure as JSON, or null
 * @param scheduledAt      when the workflow scheduled it (engine clock)
 * @param availableAt      when the current or next attempt became or becomes available (engine clock)
 * @param startedAt        when the current attempt started (engine clock); 0 while waiting for an engine
 * @param heartbeatAt      when the current attempt last heartbeat (engine clock); 0 if it has not
 * @param heartbeatDetails the latest heartbeat details of any attempt as JSON, or null
 * @param timeouts         its timeouts
 * @param cancelRequested  whether cancellation was requested
 * @param async            whether the current attempt is waiting for completion from outside (not leased)
 */
public record ActivityTask(String runId, String workflowId, String activityId, String activityType,
        String taskQueue, String input, String options, int attempt, long fence, boolean abandoned,
        String lastFailure, long scheduledAt, long availableAt, long startedAt, long heartbeatAt,
        String heartbeatDetails, ActivityTimeouts timeouts, boolean cancelRequested, boolean async) {
}
