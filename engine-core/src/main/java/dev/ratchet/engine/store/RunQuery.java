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
 * @param createdFrom  only runs created at or after this time, epoch ms ({@code Long.MIN_VALUE} for no bound)
 * @param createdTo    only runs created at or before this time, epoch ms ({@code Long.MAX_VALUE} for no bound)
 */
public record RunQuery(RunStatus status, String workflowType, long afterCreated, String afterRunId, int limit,
        long createdFrom, long createdTo) {

    /** Validates the shape. */
    public RunQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (createdFrom > createdTo) {
            throw new IllegalArgumentException("createdFrom (" + createdFrom + ") must not be after createdTo ("
                    + createdTo + ")");
        }
    }

    /** A query over any creation time. */
    public RunQuery(RunStatus status, String workflowType, long afterCreated, String afterRunId, int limit) {
        this(status, workflowType, afterCreated, afterRunId, limit, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** The first page of runs matching the filters. */
    public static RunQuery first(RunStatus status, String workflowType, int limit) {
        return new RunQuery(status, workflowType, Long.MAX_VALUE, null, limit);
    }

    /** A copy limited to runs created from {@code from} to {@code to}, both included. */
    public RunQuery createdBetween(long from, long to) {
        return new RunQuery(status, workflowType, afterCreated, afterRunId, limit, from, to);
    }

    /** The next page: the runs after {@code last}, with the same filters. */
    public RunQuery after(RunRecord last) {
        return new RunQuery(status, workflowType, last.createdAt(), last.runId(), limit, createdFrom, createdTo);
    }

    /** Whether a run is after the cursor and matches the filters. */
    public boolean matches(RunRecord r) {
        boolean afterCursor = r.createdAt() < afterCreated || (r.createdAt() == afterCreated
                && (afterRunId == null || r.runId().compareTo(afterRunId) < 0));
        return afterCursor && (status == null || r.status() == status)
                && (workflowType == null || r.workflowType().equals(workflowType))
                && r.createdAt() >= createdFrom && r.createdAt() <= createdTo;
    }
}
