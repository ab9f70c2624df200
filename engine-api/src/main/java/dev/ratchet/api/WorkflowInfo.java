package dev.ratchet.api;

/**
 * Facts about the workflow run whose code is executing.
 *
 * @param workflowId   the business ID
 * @param runId        the run
 * @param workflowType the workflow type name
 * @param taskQueue    the task queue the workflow runs on
 */
public record WorkflowInfo(String workflowId, String runId, String workflowType, String taskQueue) {
}
