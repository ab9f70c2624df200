package dev.ratchet.api;

import java.time.Instant;

/**
 * Which runs {@link WorkflowClient#list} returns, newest first: optionally only one status, one workflow type and runs
 * started within a time range, at most {@code pageSize} per page, from {@code pageToken} (null for the first page; pass
 * {@link WorkflowPage#nextPageToken()} for the next, with the same filters). Immutable; validated on construction.
 *
 * @param status       only runs with this status, or null for any
 * @param workflowType only runs of this workflow type, or null for any
 * @param startedFrom  only runs started at or after this instant (engine clock, millisecond precision), or null
 * @param startedTo    only runs started at or before this instant (engine clock, millisecond precision), or null
 * @param pageSize     the most runs per page, 1 to {@link #MAX_PAGE_SIZE}
 * @param pageToken    where the page starts, or null for the first page
 */
public record WorkflowListQuery(WorkflowStatus status, String workflowType, Instant startedFrom, Instant startedTo,
        int pageSize, String pageToken) {
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
        if (startedFrom != null && startedTo != null && startedFrom.isAfter(startedTo)) {
            throw new InvalidArgumentException("startedFrom (" + startedFrom + ") is after startedTo (" + startedTo
                    + "): the time range would be empty; pass from <= to, or null for an open end");
        }
        for (Instant bound : new Instant[] {startedFrom, startedTo}) {
            if (bound != null && (bound.isBefore(Instant.EPOCH.minusMillis(Long.MAX_VALUE / 2))
                    || bound.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE / 2)))) {
                throw new InvalidArgumentException("a start-time bound must be representable in epoch milliseconds,"
                        + " was " + bound + "; pass null for an open end");
            }
        }
    }

    /** A query over any start time. */
    public WorkflowListQuery(WorkflowStatus status, String workflowType, int pageSize, String pageToken) {
        this(status, workflowType, null, null, pageSize, pageToken);
    }

    /** The first page of all runs, 100 per page. */
    public static WorkflowListQuery all() {
        return new WorkflowListQuery(null, null, 100, null);
    }

    /** A copy listing only runs with this status (null for any). */
    public WorkflowListQuery withStatus(WorkflowStatus s) {
        return new WorkflowListQuery(s, workflowType, startedFrom, startedTo, pageSize, pageToken);
    }

    /** A copy listing only runs of this workflow type (null for any). */
    public WorkflowListQuery withWorkflowType(String type) {
        return new WorkflowListQuery(status, type, startedFrom, startedTo, pageSize, pageToken);
    }

    /**
     * A copy listing only runs started from {@code from} to {@code to}, both included; either may be null for an open
     * end.
     *
     * @throws InvalidArgumentException if {@code from} is after {@code to}
     */
    public WorkflowListQuery withStartedBetween(Instant from, Instant to) {
        return new WorkflowListQuery(status, workflowType, from, to, pageSize, pageToken);
    }

    /** A copy with another page size. */
    public WorkflowListQuery withPageSize(int size) {
        return new WorkflowListQuery(status, workflowType, startedFrom, startedTo, size, pageToken);
    }

    /** A copy starting at {@code token}, a {@link WorkflowPage#nextPageToken()} of the same query. */
    public WorkflowListQuery withPageToken(String token) {
        return new WorkflowListQuery(status, workflowType, startedFrom, startedTo, pageSize, token);
    }
}
