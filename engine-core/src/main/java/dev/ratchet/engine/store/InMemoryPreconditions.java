package dev.ratchet.engine.store;

import java.util.Map;

/**
 * Checks a {@link RunCommit}'s preconditions against {@link InMemoryStore}'s state, as the store contract states them.
 * Not thread-safe: the store calls it under its lock.
 */
final class InMemoryPreconditions {
    private final Map<String, InMemoryRun> runs;
    private final Map<String, String> workflowIds;
    private final Map<String, InMemoryActivity> activities;
    private final Map<String, DueTimer> timers;

    InMemoryPreconditions(Map<String, InMemoryRun> runs, Map<String, String> workflowIds,
            Map<String, InMemoryActivity> activities, Map<String, DueTimer> timers) {
        this.runs = runs;
        this.workflowIds = workflowIds;
        this.activities = activities;
        this.timers = timers;
    }

    /** The failed precondition of {@code c}, or null; {@code closing} is a run that an earlier part closes. */
    CommitResult failed(RunCommit c, String closing) {
        InMemoryRun run = runs.get(c.runId());
        if (c.create() != null) {
            String existing = workflowIds.get(c.create().workflowId());
            String replaces = c.create().replacesRunId();
            if (replaces == null && existing != null) {
                return CommitResult.duplicateId(existing);
            }
            if (replaces != null) {
                if (existing == null) {
                    return CommitResult.conflict("workflow ID " + c.create().workflowId() + " has no run to replace");
                }
                boolean closed = replaces.equals(closing) || InMemoryStore.isClosed(runs.get(existing).record.status());
                if (!existing.equals(replaces) || !closed) {
                    return CommitResult.duplicateId(existing);
                }
            }
            if (run != null) {
                return CommitResult.conflict("run ID exists");
            }
        } else if (run == null) {
            return CommitResult.conflict("no such run");
        } else if (InMemoryStore.isClosed(run.record.status())) {
            return CommitResult.conflict("run is closed");
        }
        long nextSeq = run == null ? 1 : run.record.nextSeq();
        if (c.expectedNextSeq() > 0 && c.expectedNextSeq() != nextSeq) {
            return CommitResult.conflict("expected next seq " + c.expectedNextSeq() + " but it is " + nextSeq);
        }
        switch (c.workflowTask()) {
            case REQUIRE_NONE -> {
                if (run != null && run.workflowTask != null) {
                    return CommitResult.conflict("a workflow task is pending");
                }
            }
            case COMPLETE -> {
                if (run == null || run.workflowTask == null || run.workflowTask.owner == null
                        || run.workflowTask.fence != c.workflowTaskFence()) {
                    return CommitResult.conflict("workflow task fence is stale");
                }
            }
            default -> {
            }
        }
        for (CompletedActivity done : c.completedActivities()) {
            InMemoryActivity a = activities.get(InMemoryStore.key(c.runId(), done.activityId()));
            if (a == null || a.lease.fence != done.fence()) {
                return CommitResult.conflict("the task of activity " + done.activityId() + " with fence "
                        + done.fence() + " is no longer current");
            }
        }
        if (c.timerId() != null && !timers.containsKey(InMemoryStore.key(c.runId(), c.timerId()))) {
            return CommitResult.conflict("timer already fired");
        }
        for (NewActivityTask t : c.activityTasks()) {
            if (activities.containsKey(InMemoryStore.key(t.runId(), t.activityId()))) {
                return CommitResult.conflict("activity " + t.activityId() + " is already pending");
            }
        }
        return null;
    }
}
