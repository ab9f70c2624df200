package dev.ratchet.engine.store;

import java.util.ArrayList;
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

    /**
     * Starts a commit on run {@code runId}; every other component defaults to empty, 0, null or
     * {@link WorkflowTaskChange#NONE}. The commit needs at least one event before {@link Builder#build()}.
     */
    public static Builder builder(String runId) {
        return new Builder(runId);
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

    /**
     * Collects the components of a {@link RunCommit}, each set by the method of its name; {@link #build()} validates
     * them through the canonical constructor. Not thread-safe: build each commit on one thread.
     */
    public static final class Builder {
        private final String runId;
        private NewRun create;
        private long expectedNextSeq;
        private WorkflowTaskChange workflowTask = WorkflowTaskChange.NONE;
        private long workflowTaskFence;
        private final List<CompletedActivity> completedActivities = new ArrayList<>();
        private String timerId;
        private final List<HistoryEvent> events = new ArrayList<>();
        private List<NewActivityTask> activityTasks;
        private List<NewTimer> timers;
        private RunStatus newStatus;
        private long closedAt;
        private String parkedError;
        private long token;
        private List<String> canceledTimers;
        private RunCommit continuation;
        private List<NewTimer> afterCloseTimers;
        private List<VersionMarker> versionMarkers;

        private Builder(String runId) {
            this.runId = runId;
        }

        /** Sets the run to create (see {@link RunCommit#create()}); null for an existing run. */
        public Builder create(NewRun run) {
            this.create = run;
            return this;
        }

        /** Sets the optimistic concurrency check (see {@link RunCommit#expectedNextSeq()}); 0 appends at the end. */
        public Builder expectedNextSeq(long seq) {
            this.expectedNextSeq = seq;
            return this;
        }

        /** Sets what to check and do about the run's pending workflow task (see {@link WorkflowTaskChange}). */
        public Builder workflowTask(WorkflowTaskChange change) {
            this.workflowTask = change;
            return this;
        }

        /** Sets the fence of the workflow task claim, for {@link WorkflowTaskChange#COMPLETE}. */
        public Builder workflowTaskFence(long fence) {
            this.workflowTaskFence = fence;
            return this;
        }

        /** Adds one activity task whose outcome this commit records, claimed under {@code fence}. */
        public Builder completedActivity(String activityId, long fence) {
            completedActivities.add(new CompletedActivity(activityId, fence));
            return this;
        }

        /** Replaces the activity tasks whose outcomes this commit records; null means none. */
        public Builder completedActivities(List<CompletedActivity> completed) {
            completedActivities.clear();
            if (completed != null) {
                completedActivities.addAll(completed);
            }
            return this;
        }

        /** Sets the timer this commit fires, or null for none. */
        public Builder timerId(String id) {
            this.timerId = id;
            return this;
        }

        /** Adds one event to append after those already given. */
        public Builder event(HistoryEvent event) {
            events.add(event);
            return this;
        }

        /** Replaces the events to append; null means none (which {@link #build()} rejects). */
        public Builder events(List<HistoryEvent> list) {
            events.clear();
            if (list != null) {
                events.addAll(list);
            }
            return this;
        }

        /** Sets the activity tasks to insert; null means none. */
        public Builder activityTasks(List<NewActivityTask> tasks) {
            this.activityTasks = tasks;
            return this;
        }

        /** Sets the timers to insert; null means none. */
        public Builder timers(List<NewTimer> list) {
            this.timers = list;
            return this;
        }

        /** Sets the run's new status, or null to keep it (see {@link RunCommit#newStatus()}). */
        public Builder newStatus(RunStatus status) {
            this.newStatus = status;
            return this;
        }

        /** Sets when a closing commit closes the run, epoch ms. */
        public Builder closedAt(long at) {
            this.closedAt = at;
            return this;
        }

        /** Sets why a PARKED commit parks the run. */
        public Builder parkedError(String error) {
            this.parkedError = error;
            return this;
        }

        /** Sets the random number recorded with the first event (see {@link RunCommit#token()}). */
        public Builder token(long value) {
            this.token = value;
            return this;
        }

        /** Sets the IDs of the run's timers to delete; null means none. */
        public Builder canceledTimers(List<String> ids) {
            this.canceledTimers = ids;
            return this;
        }

        /** Sets the commit creating the run that replaces this one (see {@link RunCommit#continuation()}), or null. */
        public Builder continuation(RunCommit next) {
            this.continuation = next;
            return this;
        }

        /** Sets the timers that outlive a closing commit (see {@link RunCommit#afterCloseTimers()}); null: none. */
        public Builder afterCloseTimers(List<NewTimer> kept) {
            this.afterCloseTimers = kept;
            return this;
        }

        /** Sets the getVersion decisions this commit records (see {@link RunCommit#versionMarkers()}); null: none. */
        public Builder versionMarkers(List<VersionMarker> markers) {
            this.versionMarkers = markers;
            return this;
        }

        /**
         * The commit, validated by the canonical constructor.
         *
         * @throws IllegalArgumentException if the components do not form a valid commit
         */
        public RunCommit build() {
            return new RunCommit(runId, create, expectedNextSeq, workflowTask, workflowTaskFence, completedActivities,
                    timerId, events, activityTasks, timers, newStatus, closedAt, parkedError, token, canceledTimers,
                    continuation, afterCloseTimers, versionMarkers);
        }
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
