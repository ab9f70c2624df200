package dev.ratchet.engine.store;

/**
 * An activity task to insert with a {@link RunCommit}.
 *
 * @param runId        the run that scheduled it
 * @param workflowId   that run's workflow ID
 * @param activityId   its ID within the run (unique per run)
 * @param activityType the activity type name
 * @param taskQueue    the queue whose engines run it
 * @param input        the arguments as a JSON array
 * @param options      the activity options as a JSON object (timeouts, retry policy), opaque to the store
 * @param scheduledAt  when the workflow scheduled it, epoch ms (engine clock)
 * @param availableAt  earliest time to run it, epoch ms (engine clock)
 * @param timeouts     its timeouts, from which the store keeps its deadline
 * @param leaseOwner   when non-null the task is inserted already claimed by this owner for attempt 1 (fence 1),
 *                     started at {@code availableAt}, so the scheduling engine can run it at once without a claim
 *                     round trip; null inserts it unclaimed
 * @param leaseMillis  with a lease owner: the lease length, from the store's clock
 */
public record NewActivityTask(String runId, String workflowId, String activityId, String activityType,
        String taskQueue, String input, String options, long scheduledAt, long availableAt, ActivityTimeouts timeouts,
        String leaseOwner, long leaseMillis) {

    /** The deadline the store keeps for the task as inserted; 0 if none. */
    public long initialDeadline() {
        return leaseOwner == null ? timeouts.deadlineWhileWaiting(availableAt)
                : timeouts.deadlineWhileRunning(availableAt, 0);
    }
}
