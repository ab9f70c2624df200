package dev.ratchet.engine.store;

/**
 * A run to create together with the first events of a {@link RunCommit}. The workflow ID must be free: if any run
 * already has it, nothing of the commit is written and the result is {@link CommitResult.Status#DUPLICATE_ID}.
 *
 * @param workflowId   the business ID (unique per store)
 * @param workflowType the workflow type name
 * @param taskQueue    the task queue of its workflow tasks
 * @param createdAt    epoch ms, engine clock
 */
public record NewRun(String workflowId, String workflowType, String taskQueue, long createdAt) {
}
