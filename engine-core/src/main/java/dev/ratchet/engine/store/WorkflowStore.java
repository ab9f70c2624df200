package dev.ratchet.engine.store;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where an engine keeps histories, tasks, timers and leases. Several engines (JVMs) may share one store; every method
 * is atomic and safe to call from many threads. Implementations must pass the contract suite
 * ({@code StoreContract} in the engine-core test jar).
 *
 * <p>Two clocks: times passed in as epoch milliseconds ({@code nowMillis}, {@code availableAt}, {@code fireAt}) are
 * the engine's {@link java.time.Clock}; lease expiry is judged by the store's own clock (the database's), so engines
 * with skewed clocks never steal each other's leases early.
 *
 * <p>Failures are reported as {@link dev.ratchet.api.StoreException}. A write whose outcome is unknown must be settled
 * by re-reading, never by blindly repeating it; one that cannot be settled is reported as
 * {@link dev.ratchet.api.OutcomeUnknownException}.
 */
public interface WorkflowStore extends AutoCloseable {

    /** Creates or migrates the schema; safe when several engines start at once. Called once before other methods. */
    void open();

    /** Commits each run change atomically and independently; returns one result per commit, in order. */
    List<CommitResult> commit(List<RunCommit> commits);

    /** The events of a run with {@code seq >= fromSeq}, in order. */
    List<HistoryEvent> loadHistory(String runId, long fromSeq);

    /** The latest run of a workflow ID. */
    Optional<RunRecord> findByWorkflowId(String workflowId);

    /** A run by its run ID. */
    Optional<RunRecord> findRun(String runId);

    /**
     * Runs matching {@code query}, newest first by {@code (createdAt, runId)}, after its cursor, at most its limit; runs
     * replaced as their workflow ID's latest run are included (each run once). A store with many runs should answer it
     * from an index (its cost should grow with the page, not with the number of runs).
     */
    List<RunRecord> listRuns(RunQuery query);

    /**
     * The open runs (RUNNING or PARKED) of {@code workflowType} counted by the version they recorded for
     * {@code changeId} ({@link RunCommit#versionMarkers()}), in one consistent read. A store with many runs should
     * answer it from indexes, reading the open runs of the type but no history.
     */
    VersionCounts countOpenRunsByVersion(String workflowType, String changeId);

    /**
     * Claims up to {@code max} pending workflow tasks of the given queues whose {@code availableAt <= nowMillis} and
     * that are unclaimed or whose lease expired: sets the owner, a lease of {@code lease} from the store's clock, and a
     * new fence number. Two engines never claim the same task at the same time.
     */
    List<WorkflowTaskClaim> claimWorkflowTasks(Collection<String> taskQueues, String owner, int max, Duration lease,
            long nowMillis);

    /**
     * Claims the pending workflow task of one run, if it is unclaimed or its lease expired; used to react at once to a
     * commit this engine just made.
     */
    Optional<WorkflowTaskClaim> claimWorkflowTask(String runId, String owner, Duration lease);

    /** Gives a claimed workflow task back, to be claimed again from {@code availableAt}; false if the fence is stale. */
    boolean releaseWorkflowTask(String runId, long fence, long availableAt);

    /**
     * Claims up to {@code max} activity tasks of the given queues, oldest first, with {@code availableAt <= nowMillis},
     * that are unclaimed or whose lease expired, are not {@linkplain #detachActivity detached}, and whose deadline (if
     * any) is after {@code nowMillis} (a task past its deadline belongs to {@link #claimTimedOutActivityTasks}). Each
     * claim starts a new attempt: attempt + 1, a new fence, {@code startedAt = nowMillis}, no heartbeat yet, the
     * deadline {@link ActivityTimeouts#deadlineWhileRunning deadlineWhileRunning(nowMillis, 0)}, and
     * {@link ActivityTask#abandoned()} set when the previous claim's lease had expired.
     */
    List<ActivityTask> claimActivityTasks(Collection<String> taskQueues, String owner, int max, Duration lease,
            long nowMillis);

    /**
     * Records a failed attempt that will be retried: clears the claim (and detachment), keeps the attempt count and the
     * heartbeat details, sets the time of the next attempt and the failure, {@code startedAt = 0},
     * {@code heartbeatAt = 0}, and the deadline
     * {@link ActivityTimeouts#deadlineWhileWaiting deadlineWhileWaiting(availableAt)}. Returns false (and changes
     * nothing) if the fence is stale.
     */
    boolean retryActivity(String runId, String activityId, long fence, long availableAt, String lastFailure);

    /**
     * Claims up to {@code max} activity tasks of any queue whose deadline is {@code <= nowMillis}, in deadline order,
     * whatever their lease or detachment: sets the owner, a lease, a new fence and clears the deadline, keeping the
     * attempt, {@code startedAt} and heartbeat, so the claimer can tell which timeout fired and record it (retry or
     * final failure). The attempt that was running, if any, can no longer record an outcome.
     */
    List<ActivityTask> claimTimedOutActivityTasks(String owner, int max, Duration lease, long nowMillis);

    /** The earliest deadline of any activity task, if any. */
    Optional<Long> nextActivityDeadline();

    /**
     * Records a heartbeat of the current attempt: {@code heartbeatAt = nowMillis}, the details (unless null, which keeps
     * the previous ones) and the deadline {@link ActivityTimeouts#deadlineWhileRunning
     * deadlineWhileRunning(startedAt, nowMillis)}. Returns {@link HeartbeatResult#STALE} and changes nothing if the
     * fence is stale or the attempt is not running (waiting for its next attempt, or its claim was released).
     */
    HeartbeatResult heartbeatActivity(String runId, String activityId, long fence, String details, long nowMillis);

    /**
     * Marks the current attempt as completed from outside (asynchronous completion): it keeps its fence and deadline
     * but is no longer leased, so neither lease expiry, lease renewal nor {@link #releaseLeases} touch it; only an
     * outcome, a retry or its deadline end it, and heartbeats (which keep it detached) move that deadline. Returns
     * false if the fence is stale or the attempt is not claimed (never claimed, waiting for its next attempt, or its
     * claim was released).
     */
    boolean detachActivity(String runId, String activityId, long fence);

    /** Flags the activity as asked to cancel, reported by later heartbeats. Returns false if it is not open. */
    boolean requestActivityCancel(String runId, String activityId);

    /**
     * The open activity task {@code activityId} of a run, as stored (with its current fence; {@code abandoned} is
     * false, as it describes a claim), if any.
     */
    Optional<ActivityTask> findActivityTask(String runId, String activityId);

    /**
     * Extends every lease (workflow and activity tasks, detached ones excepted) held by {@code owner} to {@code lease}
     * from the store's clock.
     */
    int renewLeases(String owner, Duration lease);

    /** Gives up every claim held by {@code owner} (at shutdown) so other engines can take the work at once. */
    void releaseLeases(String owner);

    /** Timers with {@code fireAt <= nowMillis}, oldest first, at most {@code max}. */
    List<DueTimer> dueTimers(long nowMillis, int max);

    /** The earliest fire time of any pending timer, if any. */
    Optional<Long> nextTimerDue();

    /**
     * Deletes a timer of a run whatever the run's state: a timer kept after the run closed
     * ({@link RunCommit#afterCloseTimers()}) once its work is done. Returns whether it existed.
     */
    boolean deleteTimer(String runId, String timerId);

    /** Stores a message request for an engine of the run's type and queue to claim; its ID must be new. */
    void putRequest(MessageRequest request);

    /**
     * Claims up to {@code max} unanswered requests of the given task queues and workflow types, oldest first, that are
     * unclaimed or whose claim's lease expired: sets the owner and a lease of {@code lease} from the store's clock.
     * Two engines never hold the same request at the same time. Also deletes answered requests created before
     * {@code nowMillis - 1 hour} (their senders never took the answer).
     */
    List<MessageRequest> claimRequests(Collection<String> taskQueues, Collection<String> workflowTypes, String owner,
            int max, Duration lease, long nowMillis);

    /**
     * Records the answer of a request claimed by {@code owner} and ends the claim. Returns false (and changes nothing)
     * when the request is gone (withdrawn), already answered, or claimed by another owner.
     */
    boolean answerRequest(String requestId, String owner, String answer);

    /** The answer of a request, deleting the request once answered; empty while it is unanswered or unknown. */
    Optional<String> takeAnswer(String requestId);

    /**
     * Deletes a request that no engine holds (unclaimed, or its claim's lease expired) and that is unanswered, so that
     * it is never handled. Returns false (and changes nothing) when an engine holds it or it is answered or unknown.
     */
    boolean withdrawRequest(String requestId);

    /**
     * Sets every parked run of the given workflow types back to running and schedules a workflow task for it, so code
     * deployed since can resume it. Returns how many runs were unparked.
     */
    int unparkRuns(Collection<String> workflowTypes);

    /**
     * Subscribes to hints that work may be available to claim: new or released workflow and activity tasks that no
     * engine holds, and timers that no engine will fire by itself. Hints are best effort (see {@link WorkListener});
     * engines keep polling, so a store may keep this default, which never signals. Closing the returned handle
     * unsubscribes; it is idempotent and does not throw.
     */
    default AutoCloseable subscribe(WorkListener listener) {
        return () -> { };
    }

    /** Releases connections and other resources; the store is unusable afterwards. */
    @Override
    void close();
}
