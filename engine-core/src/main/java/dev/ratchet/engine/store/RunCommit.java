package dev.ratchet.engine.store;

import java.util.List;

/**
 * One atomic change to one run: append events and create the tasks and timers they imply, under preconditions that
 * keep every decision recorded once. Either everything of a commit is written or nothing is; commits given together to
 * {@link WorkflowStore#commit(List)} are independent of each other (one failing precondition does not affect others).
 *
 * <p>Preconditions, all checked while holding the run's row lock:
 * <ul>
 *   <li>{@code create} non-null: the workflow ID must be free, else {@link CommitResult.Status#DUPLICATE_ID};</li>
 *   <li>{@code expectedNextSeq > 0}: the run's next sequence number must equal it (optimistic concurrency);
 *       the events carry the sequence numbers {@code expectedNextSeq, expectedNextSeq + 1, ...}.
 *       {@code expectedNextSeq == 0}: the events are appended at the current end and the store assigns their
 *       sequence numbers (used for inputs such as an activity result that arrive from outside a workflow task);</li>
 *   <li>{@code workflowTask}: see {@link WorkflowTaskChange};</li>
 *   <li>each of {@code completedActivities}: the run's activity task with that ID must exist with that fence; it is
 *       deleted (several when an engine records a batch of outcomes that arrived together);</li>
 *   <li>{@code timerId != null}: that timer of the run must exist; it is deleted;</li>
 *   <li>{@code canceledTimers}: no precondition; those timers of the run are deleted if they exist;</li>
 *   <li>every activity task inserted must have an activity ID not pending in the run.</li>
 * </ul>
 * Any commit on a closed run ({@link RunStatus#isClosed()}) is a conflict: a closed history never grows.
 *
 * <p>A commit that closes its run may carry a {@code continuation}: a commit creating the run that replaces it as the
 * workflow ID's latest run ({@code continuation.create().replacesRunId()} is this run). Both are written or neither
 * (continue-as-new: the old run never closes without its successor existing); the continuation's preconditions are
 * checked as if this commit had been written, and the result is the first failure of the two.
 *
 * @param runId             the run (for {@code create}, a new unique ID chosen by the engine)
 * @param create            the run to create, or null for an existing run
 * @param expectedNextSeq   optimistic concurrency check, or 0 to append at the end
 * @param workflowTask      what to check and do about the run's pending workflow task
 * @param workflowTaskFence for {@link WorkflowTaskChange#COMPLETE}: the claim's fence
 * @param completedActivities the activity tasks (of this run) whose outcomes this commit records, each with the
 *                          fence of its claim; distinct IDs
 * @param timerId           the timer this commit fires, or null
 * @param events            events to append; at least one
 * @param activityTasks     activity tasks to insert
 * @param timers            timers to insert
 * @param newStatus         the run's new status, or null to keep it; a closed status ({@link RunStatus#isClosed()})
 *                          also deletes the run's remaining activity tasks, timers and workflow task; PARKED deletes
 *                          its workflow task
 * @param closedAt          for a closed status: when, epoch ms
 * @param parkedError       for PARKED: why
 * @param token             a random number recorded with the first event, so that a commit whose outcome is unknown
 *                          (the connection dropped during COMMIT) can be settled by re-reading
 * @param canceledTimers    IDs of the run's timers that workflow code canceled: deleted (after {@code timers} are
 *                          inserted, so a timer started and canceled by one commit is gone too); never a conflict
 * @param continuation      a commit creating the run that replaces this one, written atomically with it, or null
 * @param afterCloseTimers  for a closing commit: timers of this run that outlive its close, for work the engine must
 *                          still do once the run is closed (applying parent-close policies to its children). Unlike
 *                          {@code timers} (dropped by a close), they are inserted after the run's timers are deleted;
 *                          they fire like any timer, and {@link WorkflowStore#deleteTimer} removes them when done.
 *                          Their IDs must not be pending in the run.
 * @param versionMarkers    the getVersion decisions this commit's MarkerRecorded events record, at most one per change
 *                          ID; the store keeps them with the run for {@link WorkflowStore#countOpenRunsByVersion}. A
 *                          change ID the run recorded before keeps its first version.
 */
public record RunCommit(String runId, NewRun create, long expectedNextSeq, WorkflowTaskChange workflowTask,
        long workflowTaskFence, List<CompletedActivity> completedActivities, String timerId, List<HistoryEvent> events,
        List<NewActivityTask> activityTasks, List<NewTimer> timers, RunStatus newStatus, long closedAt,
        String parkedError, long token, List<String> canceledTimers, RunCommit continuation,
        List<NewTimer> afterCloseTimers, List<VersionMarker> versionMarkers) {

    /** Validates the shape; the store checks the preconditions. */
    public RunCommit {
        if (runId == null || events == null || events.isEmpty() || workflowTask == null) {
            throw new IllegalArgumentException("a RunCommit needs a runId, a workflowTask change and events");
        }
        if (continuation != null && (create != null || newStatus == null || !newStatus.isClosed()
                || continuation.create() == null
                || !runId.equals(continuation.create().replacesRunId()) || continuation.continuation() != null)) {
            throw new IllegalArgumentException("a continuation must create the run replacing " + runId
                    + ", from a commit that closes that existing run");
        }
        afterCloseTimers = afterCloseTimers == null ? List.of() : List.copyOf(afterCloseTimers);
        versionMarkers = versionMarkers == null ? List.of() : List.copyOf(versionMarkers);
        if (versionMarkers.stream().map(VersionMarker::changeId).distinct().count() != versionMarkers.size()) {
            throw new IllegalArgumentException("a commit records at most one version marker per change ID, got "
                    + versionMarkers);
        }
        if (!afterCloseTimers.isEmpty() && (newStatus == null || !newStatus.isClosed()
                || afterCloseTimers.stream().anyMatch(t -> !runId.equals(t.runId())))) {
            throw new IllegalArgumentException("timers kept after the close must be timers of run " + runId
                    + ", from a commit that closes it");
        }
        events = List.copyOf(events);
        completedActivities = completedActivities == null ? List.of() : List.copyOf(completedActivities);
        if (completedActivities.size() > 1 && completedActivities.stream().map(CompletedActivity::activityId)
                .distinct().count() < completedActivities.size()) {
            throw new IllegalArgumentException("a RunCommit completes each activity task once: "
                    + completedActivities);
        }
        activityTasks = activityTasks == null ? List.of() : List.copyOf(activityTasks);
        timers = timers == null ? List.of() : List.copyOf(timers);
        canceledTimers = canceledTimers == null ? List.of() : List.copyOf(canceledTimers);
    }

    /** A commit without timers kept after its close and without version markers. */
    public RunCommit(String runId, NewRun create, long expectedNextSeq, WorkflowTaskChange workflowTask,
            long workflowTaskFence, List<CompletedActivity> completedActivities, String timerId,
            List<HistoryEvent> events, List<NewActivityTask> activityTasks, List<NewTimer> timers, RunStatus newStatus,
            long closedAt, String parkedError, long token, List<String> canceledTimers, RunCommit continuation) {
        this(runId, create, expectedNextSeq, workflowTask, workflowTaskFence, completedActivities, timerId, events,
                activityTasks, timers, newStatus, closedAt, parkedError, token, canceledTimers, continuation, List.of(),
                List.of());
    }

    /**
     * A commit without a continuation that completes at most one activity task: {@code activityId} (or null) under
     * {@code activityFence}.
     */
    public RunCommit(String runId, NewRun create, long expectedNextSeq, WorkflowTaskChange workflowTask,
            long workflowTaskFence, String activityId, long activityFence, String timerId, List<HistoryEvent> events,
            List<NewActivityTask> activityTasks, List<NewTimer> timers, RunStatus newStatus, long closedAt,
            String parkedError, long token, List<String> canceledTimers) {
        this(runId, create, expectedNextSeq, workflowTask, workflowTaskFence, completed(activityId, activityFence),
                timerId, events, activityTasks, timers, newStatus, closedAt, parkedError, token, canceledTimers, null);
    }

    private static List<CompletedActivity> completed(String activityId, long fence) {
        return activityId == null ? List.of() : List.of(new CompletedActivity(activityId, fence));
    }

    /** A copy that also creates {@code next}, the run replacing this one (see {@link #continuation()}). */
    public RunCommit withContinuation(RunCommit next) {
        return new RunCommit(runId, create, expectedNextSeq, workflowTask, workflowTaskFence, completedActivities,
                timerId, events, activityTasks, timers, newStatus, closedAt, parkedError, token, canceledTimers, next,
                afterCloseTimers, versionMarkers);
    }

    /** A copy that keeps {@code kept} after the close (see {@link #afterCloseTimers()}). */
    public RunCommit withAfterCloseTimers(List<NewTimer> kept) {
        return new RunCommit(runId, create, expectedNextSeq, workflowTask, workflowTaskFence, completedActivities,
                timerId, events, activityTasks, timers, newStatus, closedAt, parkedError, token, canceledTimers,
                continuation, kept, versionMarkers);
    }

    /** A copy that records {@code markers} (see {@link #versionMarkers()}). */
    public RunCommit withVersionMarkers(List<VersionMarker> markers) {
        return new RunCommit(runId, create, expectedNextSeq, workflowTask, workflowTaskFence, completedActivities,
                timerId, events, activityTasks, timers, newStatus, closedAt, parkedError, token, canceledTimers,
                continuation, afterCloseTimers, markers);
    }

    /** A commit that cancels no timer. */
    public RunCommit(String runId, NewRun create, long expectedNextSeq, WorkflowTaskChange workflowTask,
            long workflowTaskFence, String activityId, long activityFence, String timerId, List<HistoryEvent> events,
            List<NewActivityTask> activityTasks, List<NewTimer> timers, RunStatus newStatus, long closedAt,
            String parkedError, long token) {
        this(runId, create, expectedNextSeq, workflowTask, workflowTaskFence, activityId, activityFence, timerId, events,
                activityTasks, timers, newStatus, closedAt, parkedError, token, List.of());
    }

    /** What a commit checks and does about the run's pending workflow task (at most one row per run). */
    public enum WorkflowTaskChange {
        /** No check, no change. */
        NONE,
        /**
         * Precondition: the run has no pending workflow task. Used when an engine runs the next workflow task inline
         * right after an activity result or timer on a cached run.
         */
        REQUIRE_NONE,
        /** Precondition: the run's workflow task is claimed with {@code workflowTaskFence}; it is deleted. */
        COMPLETE,
        /**
         * Ensure a pending, unclaimed workflow task exists (keep an existing one as it is), unless the run is parked.
         * Used when an input arrives that some engine must react to.
         */
        SCHEDULE
    }
}
