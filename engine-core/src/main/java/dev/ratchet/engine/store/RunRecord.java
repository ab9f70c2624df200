package dev.ratchet.engine.store;

/**
 * A run's row as the store keeps it.
 *
 * @param workflowId    the business ID
 * @param runId         the run
 * @param workflowType  the workflow type name
 * @param taskQueue     the task queue that runs its workflow tasks
 * @param status        the run's status
 * @param nextSeq       the sequence number the next appended event gets (history length + 1)
 * @param createdAt     when the run was created, epoch ms (engine clock)
 * @param closedAt      when it closed, epoch ms, or 0
 * @param parkedError   why the run is parked, or null
 * @param replacesRunId the run this one replaced as its workflow ID's latest run ({@link NewRun#replacesRunId()}:
 *                      continue-as-new or workflow ID reuse), or null
 */
public record RunRecord(String workflowId, String runId, String workflowType, String taskQueue, RunStatus status,
        long nextSeq, long createdAt, long closedAt, String parkedError, String replacesRunId) {

    /** A run that replaced no other run. */
    public RunRecord(String workflowId, String runId, String workflowType, String taskQueue, RunStatus status,
            long nextSeq, long createdAt, long closedAt, String parkedError) {
        this(workflowId, runId, workflowType, taskQueue, status, nextSeq, createdAt, closedAt, parkedError, null);
    }
}
