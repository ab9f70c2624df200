package dev.ratchet.jdbc.internal;

import dev.ratchet.engine.store.CompletedActivity;
import dev.ratchet.engine.store.NewActivityTask;
import dev.ratchet.engine.store.NewTimer;
import dev.ratchet.engine.store.RunCommit;
import dev.ratchet.engine.store.RunStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * What a batch of run commits needs to know, read at the start of its transaction with the locks that keep it true
 * until COMMIT.
 *
 * <p>Lock order: run rows first, sorted by run ID in one statement (so two batches never wait on each other in a
 * cycle), then the workflow-task and activity-task rows of those runs, whose lease columns claimers change without the
 * run lock. Claimers skip locked rows, so they never wait on a commit. Timers, and the existence of tasks, change only
 * under a run's row lock, so timers are read without further locks.
 */
final class CommitSnapshot {
    record RunRow(String runId, String workflowId, String workflowType, String taskQueue, RunStatus status,
            long nextSeq, long lastTaskFence, long createdAt, long closedAt, String parkedError) {
    }

    record TaskRow(long taskId, String runId, String owner, long fence) {
    }

    record ActivityRow(long taskId, String runId, String activityId, long fence) {
    }

    /** A (run, ID within the run) pair, for activity and timer IDs. */
    record Key(String runId, String id) {
    }

    /** Reads one row of a plain JDBC result. */
    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static final Reader<RunRow> RUN = rs -> new RunRow(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), RunStatus.valueOf(rs.getString(5)), rs.getLong(6), rs.getLong(7),
            rs.getLong(8), rs.getLong(9), rs.getString(10));
    private static final Reader<TaskRow> TASK = rs -> new TaskRow(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getLong(4));
    private static final Reader<ActivityRow> ACTIVITY = rs -> new ActivityRow(rs.getLong(1),
            rs.getString(2), rs.getString(3), rs.getLong(4));
    private static final Reader<Key> KEY = rs -> new Key(rs.getString(1), rs.getString(2));
    /** (workflow_id, run_id) as an entry. */
    static final RowMapper<Map.Entry<String, String>> OWNER = (rs, ctx) -> Map.entry(rs.getString(1),
            rs.getString(2));

    final Map<String, RunRow> runs = new HashMap<>();
    /** Workflow tasks of the runs whose task a commit checks or changes (absent: the run has none). */
    final Map<String, TaskRow> workflowTasks = new HashMap<>();
    /** Activity tasks by (run, activity ID): the ones commits complete and any whose ID a commit would reuse. */
    final Map<Key, ActivityRow> activities = new HashMap<>();
    final Set<Key> timers = new HashSet<>();
    final Map<String, String> workflowIdOwners = new HashMap<>();

    private CommitSnapshot() {
    }

    static CommitSnapshot load(Handle h, Tables t, List<RunCommit> units) {
        Set<String> runIds = new TreeSet<>();
        Set<String> taskRuns = new TreeSet<>();
        Set<String> workflowIds = new TreeSet<>();
        Set<String> activityRuns = new TreeSet<>();
        Set<String> activityIds = new TreeSet<>();
        Set<String> timerRuns = new TreeSet<>();
        Set<String> timerIds = new TreeSet<>();
        List<RunCommit> all = new ArrayList<>(units);
        for (RunCommit u : units) {
            if (u.continuation() != null) {
                all.add(u.continuation());
            }
        }
        for (RunCommit u : all) {
            runIds.add(u.runId());
            if (u.create() != null && u.create().replacesRunId() != null) {
                // locked like a changed run: every replacer of a run waits here, so only one can replace it
                runIds.add(u.create().replacesRunId());
            }
            if (u.workflowTask() != RunCommit.WorkflowTaskChange.NONE || u.newStatus() != null) {
                taskRuns.add(u.runId());
            }
            if (u.create() != null) {
                workflowIds.add(u.create().workflowId());
            }
            for (CompletedActivity done : u.completedActivities()) {
                activityRuns.add(u.runId());
                activityIds.add(done.activityId());
            }
            for (NewActivityTask a : u.activityTasks()) {
                activityRuns.add(u.runId());
                activityIds.add(a.activityId());
            }
            if (u.timerId() != null) {
                timerRuns.add(u.runId());
                timerIds.add(u.timerId());
            }
            for (NewTimer timer : u.timers()) {
                timerRuns.add(u.runId());
                timerIds.add(timer.timerId());
            }
        }
        CommitSnapshot s = new CommitSnapshot();
        List<String> sortedRuns = List.copyOf(runIds);
        Sql.inChunks(sortedRuns, chunk -> query(h, "SELECT run_id, workflow_id, workflow_type, task_queue, status,"
                + " next_seq, last_task_fence, created_at, closed_at, parked_error FROM " + t.runs
                + " WHERE run_id IN (" + Sql.in(chunk.size()) + ") ORDER BY run_id FOR UPDATE", chunk, List.of(), RUN,
                r -> s.runs.put(r.runId(), r)));
        // Only the runs whose workflow task some commit checks or changes: a locked task row is one claimers skip.
        taskRuns.retainAll(s.runs.keySet());
        Sql.inChunks(List.copyOf(taskRuns), chunk -> query(h, "SELECT task_id, run_id, lease_owner, fence FROM "
                + t.workflowTasks + " WHERE run_id IN (" + Sql.in(chunk.size()) + ") FOR UPDATE", chunk, List.of(),
                TASK, w -> s.workflowTasks.put(w.runId(), w)));
        forPairs(activityRuns, activityIds, (runs, ids) -> query(h, "SELECT task_id, run_id, activity_id, fence FROM "
                + t.activityTasks + " WHERE run_id IN (" + Sql.in(runs.size()) + ") AND activity_id IN ("
                + Sql.in(ids.size()) + ") FOR UPDATE", runs, ids, ACTIVITY,
                a -> s.activities.put(new Key(a.runId(), a.activityId()), a)));
        forPairs(timerRuns, timerIds, (runs, ids) -> query(h, "SELECT run_id, timer_id FROM " + t.timers
                + " WHERE run_id IN (" + Sql.in(runs.size()) + ") AND timer_id IN (" + Sql.in(ids.size()) + ")", runs,
                ids, KEY, s.timers::add));
        Sql.inChunks(List.copyOf(workflowIds), chunk -> query(h, "SELECT workflow_id, run_id FROM " + t.workflowIds
                + " WHERE workflow_id IN (" + Sql.in(chunk.size()) + ")", chunk, List.of(),
                rs -> Map.entry(rs.getString(1), rs.getString(2)), o -> s.workflowIdOwners.put(o.getKey(), o.getValue())));
        return s;
    }

    /**
     * Runs a query over (run, ID) pairs as the cross product of their runs and their IDs, chunked: a superset that
     * the unique (run_id, id) index answers in one statement; callers only look up the pairs they need. The extra rows
     * it may lock belong to runs whose row lock this transaction holds anyway.
     */
    private static void forPairs(Set<String> runIds, Set<String> ids, BiConsumer<List<String>, List<String>> query) {
        List<String> runs = List.copyOf(runIds);
        List<String> keys = List.copyOf(ids);
        Sql.inChunks(runs, runChunk -> Sql.inChunks(keys, idChunk -> query.accept(runChunk, idChunk)));
    }

    /**
     * Runs a query with two IN lists (the second may be empty) and hands each row to {@code sink}.
     *
     * <p>Design note: plain JDBC, not Jdbi: per-value argument resolution and row mapping were a quarter of the
     * snapshot's CPU on H2 under W1.
     */
    private static <T> void query(Handle h, String sql, List<?> first, List<?> second, Reader<T> reader,
            Consumer<T> sink) {
        try (PreparedStatement ps = h.getConnection().prepareStatement(sql)) {
            int next = Sql.bindIn(ps, 0, first);
            if (!second.isEmpty()) {
                Sql.bindIn(ps, next, second);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(reader.read(rs));
                }
            }
        } catch (SQLException e) {
            throw new CommitWriter.StatementFailure(sql, e);
        }
    }
}
