package dev.ratchet.engine.store;

/**
 * Which runs {@link WorkflowStore#listRuns} returns: every run (replaced ones included) matching the filters, newest
 * first by {@code (createdAt, runId)}, starting strictly after a cursor, at most {@code limit}.
 *
 * @param status       only runs with this status, or null for any
 * @param workflowType only runs of this workflow type, or null for any
 * @param afterCreated the cursor's creation time: only runs created before it, or with the same time and a smaller
 *                     run ID; {@code Long.MAX_VALUE} (with a null {@code afterRunId}) for the first page
 * @param afterRunId   the cursor's run ID, or null for the first page
 * @param limit        the most runs returned, at least 1
 */
public record RunQuery(RunStatus status, String workflowType, long afterCreated, String afterRunId, int limit) {

    /** Validates the shape. */
    public RunQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }

    /** The first page of runs matching the filters. */
    public static RunQuery first(RunStatus status, String workflowType, int limit) {
        return new RunQuery(status, workflowType, Long.MAX_VALUE, null, limit);
    }

    /** Whether a run is after the cursor and matches the filters. */
    public boolean matches(RunRecord r) {
        boolean afterCursor = r.createdAt() < afterCreated || (r.createdAt() == afterCreated
                && (afterRunId == null || r.runId().compareTo(afterRunId) < 0));
        return afterCursor && (status == null || r.status() == status)
                && (workflowType == null || r.workflowType().equals(workflowType));
    }
}
