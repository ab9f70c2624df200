package dev.ratchet.api;

/**
 * Which runs {@link WorkflowClient#list} returns, newest first: optionally only one status and one workflow type, at
 * most {@code pageSize} per page, from {@code pageToken} (null for the first page; pass
 * {@link WorkflowPage#nextPageToken()} for the next). Immutable; validated on construction.
 *
 * @param status       only runs with this status, or null for any
 * @param workflowType only runs of this workflow type, or null for any
 * @param pageSize     the most runs per page, 1 to {@link #MAX_PAGE_SIZE}
 * @param pageToken    where the page starts, or null for the first page
 */
public record WorkflowListQuery(WorkflowStatus status, String workflowType, int pageSize, String pageToken) {
    /** The largest page accepted. */
    public static final int MAX_PAGE_SIZE = 1_000;

    /** Validates every field. */
    public WorkflowListQuery {
        if (workflowType != null && workflowType.isBlank()) {
            throw new InvalidArgumentException("workflowType must not be blank; pass null for any type");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidArgumentException("pageSize must be between 1 and " + MAX_PAGE_SIZE + ", was "
                    + pageSize);
        }
    }

    /** The first page of all runs, 100 per page. */
    public static WorkflowListQuery all() {
        return new WorkflowListQuery(null, null, 100, null);
    }

    /** A copy listing only runs with this status (null for any). */
    public WorkflowListQuery withStatus(WorkflowStatus s) {
        return new WorkflowListQuery(s, workflowType, pageSize, pageToken);
    }

    /** A copy listing only runs of this workflow type (null for any). */
    public WorkflowListQuery withWorkflowType(String type) {
        return new WorkflowListQuery(status, type, pageSize, pageToken);
    }

    /** A copy with another page size. */
    public WorkflowListQuery withPageSize(int size) {
        return new WorkflowListQuery(status, workflowType, size, pageToken);
    }

    /** A copy starting at {@code token}, a {@link WorkflowPage#nextPageToken()} of the same query. */
    public WorkflowListQuery withPageToken(String token) {
        return new WorkflowListQuery(status, workflowType, pageSize, token);
    }
}
