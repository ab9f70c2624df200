package dev.ratchet.engine.internal.worker;

import dev.ratchet.api.WorkflowAlreadyStartedException;
import dev.ratchet.api.WorkflowIdConflictPolicy;
import dev.ratchet.api.WorkflowIdReusePolicy;
import dev.ratchet.engine.store.RunRecord;
import dev.ratchet.engine.store.RunStatus;

/**
 * Decides what a start does when its workflow ID already has a run: use that run, replace it with a new run, or refuse.
 * An open run (running or parked) is governed by the conflict policy, a closed one by the reuse policy.
 */
final class IdReuse {
    /** What the start does next. */
    enum Decision {
        /** Hand back the existing run. */
        USE_EXISTING,
        /** Create a new run replacing the existing (closed) one. */
        REPLACE
    }

    private IdReuse() {
    }

    /**
     * Decides for the ID's latest run {@code existing}.
     *
     * @throws WorkflowAlreadyStartedException when the policies refuse both using and replacing it
     */
    static Decision decide(RunRecord existing, WorkflowIdConflictPolicy conflict, WorkflowIdReusePolicy reuse) {
        RunStatus status = existing.status();
        boolean closed = status.isClosed();
        if (!closed) {
            if (conflict == WorkflowIdConflictPolicy.FAIL) {
                throw new WorkflowAlreadyStartedException(existing.workflowId(), existing.runId());
            }
            return Decision.USE_EXISTING;
        }
        return switch (reuse) {
            case USE_EXISTING -> {
                // a closed run is treated like an open one, so the conflict policy decides
                if (conflict == WorkflowIdConflictPolicy.FAIL) {
                    throw new WorkflowAlreadyStartedException(existing.workflowId(), existing.runId());
                }
                yield Decision.USE_EXISTING;
            }
            case ALLOW_DUPLICATE -> Decision.REPLACE;
            case ALLOW_DUPLICATE_FAILED_ONLY -> {
                if (status != RunStatus.COMPLETED && status != RunStatus.CONTINUED_AS_NEW) {
                    yield Decision.REPLACE;
                }
                throw refused(existing, "it completed successfully and the reuse policy is "
                        + "ALLOW_DUPLICATE_FAILED_ONLY");
            }
            case REJECT_DUPLICATE -> throw refused(existing, "it has closed (" + status
                    + ") and the reuse policy is REJECT_DUPLICATE");
        };
    }

    private static WorkflowAlreadyStartedException refused(RunRecord existing, String why) {
        return new WorkflowAlreadyStartedException(existing.workflowId(), existing.runId(), "workflow ID '"
                + existing.workflowId() + "' already has run " + existing.runId() + " and no new run was started: "
                + why + "; choose another workflow ID or WorkflowIdReusePolicy.ALLOW_DUPLICATE");
    }
}
