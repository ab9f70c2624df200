package dev.ratchet.engine.store;

/**
 * An activity task claimed by an engine, identified by (runId, activityId). The {@code fence} must accompany every write about this attempt; a write
 * with a stale fence is rejected, so an engine that lost its lease cannot record a late outcome.
 *
 * @param runId            the run that scheduled it
 * @param workflowId       that run's workflow ID
 * @param activityId       its ID within the run
 * @param activityType     the activity type name
 * @param taskQueue        its queue
 * @param input            arguments as a JSON array
 * @param options          options JSON as given at scheduling
 * @param attempt          the attempt this claim is for, from 1 (every claim starts a new attempt)
 * @param fence            the fencing number of this claim
 * @param abandoned        whether the previous attempt's lease expired without an outcome (its engine died or hung)
 * @param lastFailure      the previous attempt's failure as JSON, or null
 */
public record ActivityTask(String runId, String workflowId, String activityId, String activityType,
        String taskQueue, String input, String options, int attempt, long fence, boolean abandoned,
        String lastFailure) {
}
