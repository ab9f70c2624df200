package dev.ratchet.engine.internal.worker;

import dev.ratchet.engine.internal.codec.ActivityOptionsJson;
import dev.ratchet.engine.internal.history.EventType;
import dev.ratchet.engine.internal.history.Events;
import dev.ratchet.engine.internal.runtime.Command;
import dev.ratchet.engine.internal.runtime.RunChildren;
import dev.ratchet.engine.internal.runtime.WorkflowRun;
import dev.ratchet.engine.store.CompletedActivity;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.NewActivityTask;
import dev.ratchet.engine.store.NewRun;
import dev.ratchet.engine.store.NewTimer;
import dev.ratchet.engine.store.RunCommit;
import dev.ratchet.engine.store.RunStatus;
import dev.ratchet.engine.store.VersionMarker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns the outcome of a workflow task into one {@link RunCommit}: the inputs it consumed (when they are not yet
 * stored), the boundary event, one event per command, and the tasks and timers the commands create.
 */
final class TaskCommits {
    private final WorkerContext ctx;
    private final Events events;

    TaskCommits(WorkerContext ctx) {
        this.ctx = ctx;
        this.events = ctx.config().events();
    }

    /** Where a workflow task's commit comes from and what it must check. */
    record Origin(NewRun create, long expectedNextSeq, RunCommit.WorkflowTaskChange workflowTask, long fence,
            List<CompletedActivity> activities, String timerId, List<NewTimer> startTimers) {
        static Origin claimed(long nextSeq, long fence) {
            return new Origin(null, nextSeq, RunCommit.WorkflowTaskChange.COMPLETE, fence, List.of(), null,
                    List.of());
        }

        /** Inputs delivered to a cached run, run inline: no workflow task may be pending. */
        static Origin inline(long nextSeq, List<CompletedActivity> activities, String timerId) {
            return new Origin(null, nextSeq, RunCommit.WorkflowTaskChange.REQUIRE_NONE, 0, activities, timerId,
                    List.of());
        }

        /** A commit on {@code runId} with this origin's preconditions. */
        RunCommit.Builder commit(String runId) {
            return RunCommit.builder(runId).create(create).expectedNextSeq(expectedNextSeq).workflowTask(workflowTask)
                    .workflowTaskFence(fence).completedActivities(activities).timerId(timerId);
        }
    }

    /** The commit, plus what to do locally once it is durable. */
    record Built(RunCommit commit, List<NewActivityTask> localActivities, HistoryEvent closingEvent,
            List<String> canceledActivities) {
    }

    Built task(WorkflowRun run, Origin origin, List<HistoryEvent> inputs, WorkflowRun.TaskResult result, long now) {
        String runId = run.info().runId();
        List<HistoryEvent> out = new ArrayList<>(inputs.size() + result.commands().size() + 1);
        out.addAll(inputs);
        long seq = origin.expectedNextSeq() + inputs.size();
        out.add(new HistoryEvent(seq++, EventType.WorkflowTaskCompleted.name(), now, events.workflowTaskCompleted()));
        List<NewActivityTask> tasks = new ArrayList<>();
        List<NewActivityTask> local = new ArrayList<>();
        List<NewTimer> timers = new ArrayList<>(origin.startTimers());
        List<String> canceledTimers = new ArrayList<>();
        List<String> canceledActivities = new ArrayList<>();
        RunStatus status = null;
        HistoryEvent closing = null;
        RunCommit continuation = null;
        List<VersionMarker> versions = new ArrayList<>();
        for (Command c : result.commands()) {
            HistoryEvent e;
            switch (c) {
                case Command.ScheduleActivity a -> {
                    e = new HistoryEvent(seq++, EventType.ActivityScheduled.name(), now,
                            events.activityScheduled(a.activityId(), a.activityType(), a.taskQueue(), a.input()));
                    boolean runHere = ctx.runsActivities(a.taskQueue());
                    NewActivityTask t = new NewActivityTask(runId, run.info().workflowId(), a.activityId(),
                            a.activityType(), a.taskQueue(), a.input(),
                            ActivityOptionsJson.write(events.mapper(), a.options()), now, now,
                            ActivityOptionsJson.timeouts(a.options(), now), runHere ? ctx.owner() : null,
                            ctx.lease().toMillis());
                    tasks.add(t);
                    if (runHere) {
                        local.add(t);
                    }
                }
                case Command.StartTimer t -> {
                    e = new HistoryEvent(seq++, EventType.TimerStarted.name(), now,
                            events.timerStarted(t.timerId(), t.fireAt()));
                    timers.add(new NewTimer(runId, t.timerId(), t.fireAt()));
                }
                case Command.CancelTimer t -> {
                    e = new HistoryEvent(seq++, EventType.TimerCanceled.name(), now,
                            events.timerCanceled(t.timerId()));
                    // a timer started in this same task is never written; an older one is deleted from the store
                    if (!timers.removeIf(n -> n.timerId().equals(t.timerId()))) {
                        canceledTimers.add(t.timerId());
                    }
                }
                case Command.RequestCancelActivity a -> {
                    e = new HistoryEvent(seq++, EventType.ActivityCancelRequested.name(), now,
                            events.activityCancelRequested(a.activityId()));
                    // scheduled in this same task: never written, so it never runs; else its stored task is flagged
                    boolean unwritten = tasks.removeIf(t -> t.activityId().equals(a.activityId()));
                    local.removeIf(t -> t.activityId().equals(a.activityId()));
                    if (!unwritten) {
                        canceledActivities.add(a.activityId());
                    }
                }
                case Command.RecordMarker m -> {
                    e = new HistoryEvent(seq++, EventType.MarkerRecorded.name(), now,
                            events.markerRecorded(m.kind().recordedName(), m.id(), m.call(), m.valueJson(),
                                    m.kind() == Command.MarkerKind.VERSION ? m.version() : null));
                    if (m.kind() == Command.MarkerKind.VERSION) {
                        versions.add(new VersionMarker(m.id(), m.version()));
                    }
                }
                case Command.CompleteUpdate u -> e = new HistoryEvent(seq++, EventType.UpdateCompleted.name(), now,
                        events.updateCompleted(u.updateId(), u.resultJson(), u.failure()));
                case Command.StartChild child -> {
                    e = new HistoryEvent(seq++, EventType.ChildWorkflowInitiated.name(), now,
                            child.attributes().toString());
                    // the watch timer re-drives the start and the close notification if this engine dies
                    timers.add(new NewTimer(runId, ChildDriver.childTimer(child.commandId(), true),
                            now + ChildDriver.FIRST_WATCH_MS));
                }
                case Command.ExternalRequest x -> {
                    e = new HistoryEvent(seq++, x.type().name(), now, x.attributes().toString());
                    timers.add(new NewTimer(runId, RunChildren.EXTERNAL_TIMER_PREFIX + x.commandId(),
                            now + ChildDriver.FIRST_WATCH_MS));
                }
                case Command.CompleteWorkflow w -> {
                    e = new HistoryEvent(seq++, EventType.WorkflowCompleted.name(), now,
                            events.workflowCompleted(w.result()));
                    status = RunStatus.COMPLETED;
                    closing = e;
                }
                case Command.ContinueAsNew next -> {
                    continuation = continuation(run, next.input(), now);
                    e = new HistoryEvent(seq++, EventType.WorkflowContinuedAsNew.name(), now,
                            events.workflowContinuedAsNew(continuation.runId(), next.input()));
                    status = RunStatus.CONTINUED_AS_NEW;
                    closing = e;
                }
                case Command.FailWorkflow w -> {
                    e = new HistoryEvent(seq++, EventType.WorkflowFailed.name(), now,
                            events.workflowFailed(w.failure()));
                    status = "canceled".equals(w.failure().path("kind").asText()) ? RunStatus.CANCELED
                            : RunStatus.FAILED;
                    closing = e;
                }
            }
            out.add(e);
        }
        RunCommit.Builder commit = origin.commit(runId).events(out).activityTasks(tasks).timers(timers)
                .newStatus(status).closedAt(status == null ? 0 : now).token(token()).canceledTimers(canceledTimers)
                .continuation(continuation).versionMarkers(versions);
        if (closing != null && run.hasChildrenUnderClosePolicy()) {
            commit.afterCloseTimers(List.of(ChildDriver.policyTimer(runId, now)));
        }
        return new Built(commit.build(), closing == null ? local : List.of(), closing,
                closing == null ? canceledActivities : List.of());
    }

    /**
     * The commit creating the run that continues {@code run}: same workflow ID, type and queue, replacing it as the
     * ID's latest run, a fresh history, a pending workflow task, and the chain's timeouts.
     */
    private RunCommit continuation(WorkflowRun run, String input, long now) {
        String runId = RunIds.next(now);
        dev.ratchet.api.WorkflowInfo info = run.info();
        long seed = ThreadLocalRandom.current().nextLong();
        HistoryEvent started = new HistoryEvent(1, EventType.WorkflowStarted.name(), now,
                run.continuedStarted(events.workflowStarted(info.workflowType(), info.taskQueue(), input, seed,
                        run.executionDeadline(), run.runTimeoutMillis())));
        return RunCommit.builder(runId)
                .create(new NewRun(info.workflowId(), info.workflowType(), info.taskQueue(), now, info.runId()))
                .expectedNextSeq(1).workflowTask(RunCommit.WorkflowTaskChange.SCHEDULE).event(started)
                .timers(WorkflowTimeouts.continued(runId, now, run.executionDeadline(), run.runTimeoutMillis()))
                .token(token()).build();
    }

    /** A commit that parks the run: the consumed inputs plus a WorkflowTaskFailed event with the error. */
    RunCommit park(String runId, Origin origin, List<HistoryEvent> inputs, String error, long now) {
        List<HistoryEvent> out = new ArrayList<>(inputs);
        long seq = origin.expectedNextSeq() == 0 ? 0 : origin.expectedNextSeq() + inputs.size();
        out.add(new HistoryEvent(seq, EventType.WorkflowTaskFailed.name(), now, events.workflowTaskFailed(error)));
        return origin.commit(runId).events(out).newStatus(RunStatus.PARKED).parkedError(error).token(token())
                .build();
    }

    /** A commit that only appends inputs at the end of history and schedules a workflow task for them. */
    RunCommit append(String runId, List<HistoryEvent> inputs, String activityId, long activityFence, String timerId,
            NewRun create, List<NewTimer> startTimers) {
        RunCommit.Builder commit = RunCommit.builder(runId).create(create).expectedNextSeq(create == null ? 0 : 1)
                .workflowTask(RunCommit.WorkflowTaskChange.SCHEDULE).timerId(timerId).events(inputs)
                .timers(startTimers).token(token());
        if (activityId != null) {
            commit.completedActivity(activityId, activityFence);
        }
        return commit.build();
    }

    /**
     * A commit that closes the run for good with {@code closing}: a workflow timeout (FAILED), consuming its timer; or
     * a termination (TERMINATED), with no timer.
     */
    RunCommit close(String runId, String timerId, HistoryEvent closing, long now) {
        RunStatus status = EventType.WorkflowTerminated.name().equals(closing.type()) ? RunStatus.TERMINATED
                : RunStatus.FAILED;
        // the run's children are not known here (its code did not run): the policy timer finds out, if needed
        return RunCommit.builder(runId).timerId(timerId).event(closing).newStatus(status).closedAt(now).token(token())
                .afterCloseTimers(List.of(ChildDriver.policyTimer(runId, now))).build();
    }

    static long token() {
        return ThreadLocalRandom.current().nextLong();
    }
}
