package dev.ratchet.jdbc.internal;

import dev.ratchet.engine.store.CommitResult;
import dev.ratchet.engine.store.CompletedActivity;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.NewActivityTask;
import dev.ratchet.engine.store.NewRun;
import dev.ratchet.engine.store.NewTimer;
import dev.ratchet.engine.store.RunCommit;
import dev.ratchet.engine.store.RunCommit.WorkflowTaskChange;
import dev.ratchet.engine.store.RunStatus;
import dev.ratchet.jdbc.internal.CommitSnapshot.ActivityRow;
import dev.ratchet.jdbc.internal.CommitSnapshot.Key;
import dev.ratchet.jdbc.internal.CommitSnapshot.RunRow;
import dev.ratchet.jdbc.internal.CommitSnapshot.TaskRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks each commit of a batch, in order, against the snapshot as changed by the commits before it (two commits of
 * one batch may touch the same run), and turns the ones that pass into net writes. Pure: no database access, so a batch
 * can be re-planned when a workflow ID turns out to be taken by a concurrent engine.
 */
final class CommitPlanner {
    /** The workflow task of a run as the batch leaves it; {@code taskId == 0} for one this batch creates. */
    private record Task(long taskId, String owner, long fence) {
    }

    /** A run as the batch changes it. */
    private static final class RunState {
        final RunRow initial;
        final Task initialTask;
        String workflowId;
        String workflowType;
        String taskQueue;
        RunStatus status;
        long nextSeq;
        long lastTaskFence;
        long createdAt;
        long closedAt;
        String parkedError;
        /** For a run this batch creates: the run it replaces as its workflow ID's latest, or null. */
        String replaces;
        Task task;
        boolean changed;

        RunState(RunRow row, Task task) {
            this.initial = row;
            this.initialTask = task;
            this.task = task;
            if (row != null) {
                workflowId = row.workflowId();
                workflowType = row.workflowType();
                taskQueue = row.taskQueue();
                status = row.status();
                nextSeq = row.nextSeq();
                lastTaskFence = row.lastTaskFence();
                createdAt = row.createdAt();
                closedAt = row.closedAt();
                parkedError = row.parkedError();
            }
        }

        boolean closed() {
            return status.isClosed();
        }

        void dropTask() {
            if (task != null) {
                lastTaskFence = Math.max(lastTaskFence, task.fence());
                task = null;
            }
        }

        CommitPlan.RunWrite write(String runId) {
            return new CommitPlan.RunWrite(runId, workflowId, workflowType, taskQueue, status, nextSeq,
                    lastTaskFence, createdAt, closedAt, parkedError, replaces);
        }
    }

    private final CommitSnapshot snapshot;
    private final Map<String, String> racedWorkflowIds;
    private final Map<String, RunState> runs = new LinkedHashMap<>();
    private final Map<String, String> createdWorkflowIds = new HashMap<>();
    private final Set<Key> completedActivities = new HashSet<>();
    private final Map<Key, NewActivityTask> addedActivities = new LinkedHashMap<>();
    private final Set<Key> firedTimers = new LinkedHashSet<>();
    private final Map<Key, NewTimer> addedTimers = new LinkedHashMap<>();
    private final List<CommitPlan.EventRow> events = new ArrayList<>();
    private final List<Map.Entry<String, dev.ratchet.engine.store.VersionMarker>> versions = new ArrayList<>();

    private CommitPlanner(CommitSnapshot snapshot, Map<String, String> racedWorkflowIds) {
        this.snapshot = snapshot;
        this.racedWorkflowIds = racedWorkflowIds;
    }

    /**
     * Plans a batch.
     *
     * @param racedWorkflowIds workflow IDs found taken (with their run) when this transaction tried to claim them
     */
    static CommitPlan plan(List<RunCommit> units, CommitSnapshot snapshot, Map<String, String> racedWorkflowIds) {
        return new CommitPlanner(snapshot, racedWorkflowIds).planAll(units);
    }

    private CommitPlan planAll(List<RunCommit> units) {
        CommitPlan plan = new CommitPlan(units.size());
        for (int i = 0; i < units.size(); i++) {
            RunCommit u = units.get(i);
            CommitResult failure = u.create() != null ? checkCreate(u, null) : checkExisting(u);
            if (failure == null) {
                failure = checkNewIds(u);
            }
            RunCommit next = u.continuation();
            if (failure == null && next != null) {
                // checked before anything of u is applied, as if u had closed its run (all it depends on)
                failure = checkCreate(next, u.runId());
                if (failure == null) {
                    failure = checkNewIds(next);
                }
            }
            if (failure != null) {
                plan.fail(i, failure);
            } else {
                plan.pass(i, apply(u));
                if (next != null) {
                    apply(next);
                }
            }
        }
        collectWrites(plan);
        return plan;
    }

    /** Checks a create; {@code closing} is a run the same unit closes before it (continue-as-new), or null. */
    private CommitResult checkCreate(RunCommit u, String closing) {
        String workflowId = u.create().workflowId();
        String replaces = u.create().replacesRunId();
        String owner = racedWorkflowIds.getOrDefault(workflowId,
                createdWorkflowIds.getOrDefault(workflowId, snapshot.workflowIdOwners.get(workflowId)));
        if (replaces == null && owner != null) {
            return CommitResult.duplicateId(owner);
        }
        if (replaces != null) {
            if (owner == null) {
                return CommitResult.conflict("workflow ID " + workflowId + " has no run to replace");
            }
            RunState old = state(replaces);
            if (!owner.equals(replaces) || old == null || !(old.closed() || replaces.equals(closing))) {
                return CommitResult.duplicateId(owner);
            }
        }
        if (state(u.runId()) != null) {
            return CommitResult.conflict("run " + u.runId() + " already exists");
        }
        if (u.expectedNextSeq() > 1) {
            return CommitResult.conflict("a new run starts at seq 1, not " + u.expectedNextSeq());
        }
        if (u.workflowTask() == WorkflowTaskChange.COMPLETE) {
            return CommitResult.conflict("a new run has no workflow task to complete");
        }
        if (!u.completedActivities().isEmpty() || u.timerId() != null) {
            return CommitResult.conflict("a new run has no activity task or timer to complete");
        }
        return null;
    }

    private CommitResult checkExisting(RunCommit u) {
        RunState run = state(u.runId());
        if (run == null) {
            return CommitResult.conflict("run " + u.runId() + " does not exist");
        }
        if (run.closed()) {
            return CommitResult.conflict("run " + u.runId() + " is " + run.status + "; its history is closed");
        }
        if (u.expectedNextSeq() > 0 && u.expectedNextSeq() != run.nextSeq) {
            return CommitResult.conflict("expected next seq " + u.expectedNextSeq() + " but the run is at "
                    + run.nextSeq);
        }
        if (u.workflowTask() == WorkflowTaskChange.REQUIRE_NONE && run.task != null) {
            return CommitResult.conflict("the run has a pending workflow task");
        }
        if (u.workflowTask() == WorkflowTaskChange.COMPLETE && (run.task == null || run.task.owner() == null
                || run.task.fence() != u.workflowTaskFence())) {
            return CommitResult.conflict("the workflow task claim with fence " + u.workflowTaskFence()
                    + " is no longer current");
        }
        for (CompletedActivity done : u.completedActivities()) {
            Key key = new Key(u.runId(), done.activityId());
            ActivityRow a = snapshot.activities.get(key);
            if (a == null || completedActivities.contains(key) || a.fence() != done.fence()) {
                return CommitResult.conflict("the task of activity " + done.activityId() + " with fence "
                        + done.fence() + " is no longer current");
            }
        }
        if (u.timerId() != null && !timerExists(new Key(u.runId(), u.timerId()))) {
            return CommitResult.conflict("timer " + u.timerId() + " does not exist (already fired or canceled)");
        }
        return null;
    }

    /** New activity and timer IDs must be unused in their run, which the unique keys would otherwise enforce. */
    private CommitResult checkNewIds(RunCommit u) {
        Set<String> seen = new HashSet<>();
        for (NewActivityTask a : u.activityTasks()) {
            if (!seen.add(a.activityId()) || activityIdUsed(new Key(u.runId(), a.activityId()))) {
                return CommitResult.conflict("activity ID " + a.activityId() + " is already scheduled in the run");
            }
        }
        seen.clear();
        for (NewTimer timer : u.timers()) {
            if (!seen.add(timer.timerId()) || timerExists(new Key(u.runId(), timer.timerId()))) {
                return CommitResult.conflict("timer ID " + timer.timerId() + " is already pending in the run");
            }
        }
        return null;
    }

    private CommitPlan.Marker apply(RunCommit u) {
        RunState run;
        boolean creates = u.create() != null;
        if (creates) {
            NewRun c = u.create();
            run = new RunState(null, null);
            run.workflowId = c.workflowId();
            run.workflowType = c.workflowType();
            run.taskQueue = c.taskQueue();
            run.status = RunStatus.RUNNING;
            run.nextSeq = 1;
            run.createdAt = c.createdAt();
            run.replaces = c.replacesRunId();
            runs.put(u.runId(), run);
            createdWorkflowIds.put(c.workflowId(), u.runId());
        } else {
            run = state(u.runId());
        }
        run.changed = true;
        long firstSeq = u.expectedNextSeq() > 0 ? u.expectedNextSeq() : run.nextSeq;
        long seq = firstSeq;
        for (HistoryEvent e : u.events()) {
            events.add(new CommitPlan.EventRow(u.runId(), seq, e, seq == firstSeq ? u.token() : null));
            seq++;
        }
        run.nextSeq = seq;
        if (u.workflowTask() == WorkflowTaskChange.COMPLETE) {
            run.dropTask();
        }
        for (CompletedActivity done : u.completedActivities()) {
            completedActivities.add(new Key(u.runId(), done.activityId()));
        }
        if (u.timerId() != null) {
            Key key = new Key(u.runId(), u.timerId());
            if (addedTimers.remove(key) == null) {
                firedTimers.add(key);
            }
        }
        u.activityTasks().forEach(a -> addedActivities.put(new Key(u.runId(), a.activityId()), a));
        u.timers().forEach(timer -> addedTimers.put(new Key(u.runId(), timer.timerId()), timer));
        for (String canceled : u.canceledTimers()) {
            Key key = new Key(u.runId(), canceled);
            if (addedTimers.remove(key) == null) {
                firedTimers.add(key); // deleted like a fired timer; deleting one that is gone changes nothing
            }
        }
        if (u.newStatus() != null) {
            applyStatus(u, run);
        }
        u.afterCloseTimers().forEach(timer -> addedTimers.put(new Key(u.runId(), timer.timerId()), timer));
        u.versionMarkers().forEach(m -> versions.add(Map.entry(u.runId(), m)));
        if (u.workflowTask() == WorkflowTaskChange.SCHEDULE && run.status == RunStatus.RUNNING && run.task == null) {
            run.task = new Task(0, null, run.lastTaskFence);
        }
        return new CommitPlan.Marker(u.runId(), firstSeq, u.token(), creates, creates ? run.workflowId : null);
    }

    private void applyStatus(RunCommit u, RunState run) {
        run.status = u.newStatus();
        if (u.newStatus().isClosed()) {
            run.closedAt = u.closedAt();
            run.parkedError = null;
            run.dropTask();
            addedActivities.keySet().removeIf(k -> k.runId().equals(u.runId()));
            addedTimers.keySet().removeIf(k -> k.runId().equals(u.runId()));
        } else if (u.newStatus() == RunStatus.PARKED) {
            run.parkedError = u.parkedError();
            run.dropTask();
        } else {
            run.parkedError = null;
        }
    }

    private void collectWrites(CommitPlan plan) {
        runs.forEach((runId, run) -> {
            if (!run.changed) {
                return;
            }
            if (run.initial == null) {
                plan.insertRuns.add(run.write(runId));
                if (run.replaces != null) {
                    plan.workflowIdReplacements.add(new CommitPlan.Replacement(run.workflowId, run.replaces, runId));
                } else {
                    plan.workflowIdClaims.put(run.workflowId, runId);
                }
            } else {
                plan.updateRuns.add(run.write(runId));
            }
            if (run.initialTask != null && run.task != run.initialTask) {
                plan.deleteWorkflowTasks.add(run.initialTask.taskId());
            }
            if (run.task != null && run.task.taskId() == 0) {
                plan.insertWorkflowTasks.add(new CommitPlan.NewWorkflowTask(runId, run.workflowId, run.taskQueue,
                        run.task.fence()));
            }
            if (run.closed() && (run.initial == null || !isClosed(run.initial.status()))) {
                plan.closedRuns.add(runId);
            }
        });
        plan.events.addAll(events);
        plan.insertVersions.addAll(versions);
        completedActivities.forEach(k -> plan.deleteActivityTasks.add(snapshot.activities.get(k).taskId()));
        plan.insertActivityTasks.addAll(addedActivities.values());
        plan.deleteTimers.addAll(firedTimers);
        plan.insertTimers.addAll(addedTimers.values());
    }

    private static boolean isClosed(RunStatus status) {
        return status.isClosed();
    }

    /** The run as this batch has it so far, loading it from the snapshot on first use; null if there is none. */
    private RunState state(String runId) {
        RunState run = runs.get(runId);
        if (run == null) {
            RunRow row = snapshot.runs.get(runId);
            if (row == null) {
                return null;
            }
            TaskRow task = snapshot.workflowTasks.get(runId);
            run = new RunState(row, task == null ? null : new Task(task.taskId(), task.owner(), task.fence()));
            runs.put(runId, run);
        }
        return run;
    }

    private boolean activityIdUsed(Key key) {
        return addedActivities.containsKey(key)
                || (snapshot.activities.containsKey(key) && !completedActivities.contains(key));
    }

    private boolean timerExists(Key key) {
        return addedTimers.containsKey(key) || (snapshot.timers.contains(key) && !firedTimers.contains(key));
    }
}
