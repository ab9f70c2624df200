package dev.ratchet.engine.store;

/**
 * A run to create together with the first events of a {@link RunCommit}.
 *
 * <p>With {@code replacesRunId == null} the workflow ID must be free: if any run already has it, nothing of the commit
 * is written and the result is {@link CommitResult.Status#DUPLICATE_ID}. With {@code replacesRunId} set, the new run
 * becomes the latest run of the ID in place of that run (workflow ID reuse, continue-as-new), only if that run is
 * still the ID's latest run and is closed (or is closed by the same commit, see {@link RunCommit#continuation()});
 * otherwise nothing is written and the result is {@link CommitResult.Status#DUPLICATE_ID} naming the ID's latest run,
 * or {@link CommitResult.Status#CONFLICT} when the ID has no run at all. The replaced run and its history stay
 * readable by run ID.
 *
 * @param workflowId    the business ID (one latest run per ID and store)
 * @param workflowType  the workflow type name
 * @param taskQueue     the task queue of its workflow tasks
 * @param createdAt     epoch ms, engine clock
 * @param replacesRunId the closed run this run replaces as the ID's latest run, or null for a free ID
 */
public record NewRun(String workflowId, String workflowType, String taskQueue, long createdAt,
        String replacesRunId) {

    /** A run for a free workflow ID. */
    public NewRun(String workflowId, String workflowType, String taskQueue, long createdAt) {
        this(workflowId, workflowType, taskQueue, createdAt, null);
    }
}
