package dev.ratchet.engine.store;

/**
 * The outcome of one {@link RunCommit}.
 *
 * @param status        what happened
 * @param existingRunId for {@link Status#DUPLICATE_ID}: the run that holds the workflow ID
 * @param detail        for conflicts: which precondition failed, for logs
 */
public record CommitResult(Status status, String existingRunId, String detail) {
    private static final CommitResult OK = new CommitResult(Status.COMMITTED, null, null);

    /** What happened to a commit. */
    public enum Status {
        /** Everything was written. */
        COMMITTED,
        /** A precondition failed (sequence, fence, workflow task, activity or timer); nothing was written. */
        CONFLICT,
        /** The run to create has a workflow ID that is taken; nothing was written. */
        DUPLICATE_ID
    }

    /** The committed result. */
    public static CommitResult committed() {
        return OK;
    }

    /** A conflict, with the failed precondition. */
    public static CommitResult conflict(String detail) {
        return new CommitResult(Status.CONFLICT, null, detail);
    }

    /** A taken workflow ID. */
    public static CommitResult duplicateId(String existingRunId) {
        return new CommitResult(Status.DUPLICATE_ID, existingRunId, null);
    }

    /** Whether the commit was written. */
    public boolean isCommitted() {
        return status == Status.COMMITTED;
    }
}
