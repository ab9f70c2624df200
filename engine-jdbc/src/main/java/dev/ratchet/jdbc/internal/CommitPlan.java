package dev.ratchet.jdbc.internal;

import dev.ratchet.engine.store.CommitResult;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.NewActivityTask;
import dev.ratchet.engine.store.NewTimer;
import dev.ratchet.engine.store.RunStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of checking a batch against its {@link CommitSnapshot}: one result per commit, and the net writes of the
 * commits that passed, grouped by statement so that each group is one JDBC batch.
 */
final class CommitPlan {
    /** A run row as it must be after the batch; {@code replacesRunId} is written by inserts only. */
    record RunWrite(String runId, String workflowId, String workflowType, String taskQueue, RunStatus status,
            long nextSeq, long lastTaskFence, long createdAt, long closedAt, String parkedError, String replacesRunId) {
    }

    /** An event to insert; {@code token} is set on the first event of each commit only. */
    record EventRow(String runId, long seq, HistoryEvent event, Long token) {
    }

    /** A new, unclaimed workflow task. */
    record NewWorkflowTask(String runId, String workflowId, String taskQueue, long fence) {
    }

    /** Where a passed commit's first event went, to settle an unknown outcome. */
    /** A workflow ID moving from its closed latest run to a new one. */
    record Replacement(String workflowId, String oldRunId, String newRunId) {
    }

    record Marker(String runId, long firstSeq, long token, boolean createsRun, String workflowId) {
    }

    private final CommitResult[] results;
    private final Marker[] markers;
    final List<RunWrite> insertRuns = new ArrayList<>();
    final List<RunWrite> updateRuns = new ArrayList<>();
    /** Workflow ID to run ID, for the runs this batch creates. */
    final Map<String, String> workflowIdClaims = new LinkedHashMap<>();
    /** Workflow IDs whose latest run this batch replaces (checked under the old run's row lock). */
    final List<Replacement> workflowIdReplacements = new ArrayList<>();
    final List<EventRow> events = new ArrayList<>();
    final List<Long> deleteWorkflowTasks = new ArrayList<>();
    final List<NewWorkflowTask> insertWorkflowTasks = new ArrayList<>();
    final List<Long> deleteActivityTasks = new ArrayList<>();
    final List<NewActivityTask> insertActivityTasks = new ArrayList<>();
    final List<CommitSnapshot.Key> deleteTimers = new ArrayList<>();
    final List<NewTimer> insertTimers = new ArrayList<>();
    /** Version markers to record: (run ID, marker). */
    final List<Map.Entry<String, dev.ratchet.engine.store.VersionMarker>> insertVersions = new ArrayList<>();
    /** Runs closed by this batch: their remaining activity tasks and timers go. */
    final List<String> closedRuns = new ArrayList<>();

    CommitPlan(int size) {
        this.results = new CommitResult[size];
        this.markers = new Marker[size];
    }

    void pass(int index, Marker marker) {
        results[index] = CommitResult.committed();
        markers[index] = marker;
    }

    void fail(int index, CommitResult result) {
        results[index] = result;
    }

    List<CommitResult> results() {
        return Arrays.asList(results.clone());
    }

    /** The marker of a passed commit, preferring one on an existing run (its row lock settles an unknown outcome). */
    Marker settlementMarker() {
        Marker any = null;
        for (Marker m : markers) {
            if (m != null && !m.createsRun()) {
                return m;
            }
            any = any == null ? m : any;
        }
        return any;
    }

    boolean writesAnything() {
        return settlementMarker() != null;
    }
}
