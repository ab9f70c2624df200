package dev.ratchet.jdbc.internal;

import dev.ratchet.engine.store.NewActivityTask;
import dev.ratchet.engine.store.NewTimer;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Executes a {@link CommitPlan}: one JDBC batch per statement, deletes before inserts (a closing or completing commit
 * may free a unique key that a later commit of the batch reuses), run updates last.
 */
final class CommitWriter {
    private final Tables t;
    private final Dialect dialect;
    private final String insertRun;
    private final String updateRun;
    private final String insertEvent;
    private final String deleteWorkflowTask;
    private final String insertWorkflowTask;
    private final String deleteActivityTask;
    private final String insertActivityTask;
    private final String insertClaimedActivityTask;
    private final String deleteTimer;
    private final String insertTimer;
    private final String deleteRunActivityTasks;
    private final String deleteRunTimers;
    private final String insertWorkflowId;
    private final String deleteWorkflowId;
    private final String replaceWorkflowId;
    private final String insertVersion;

    CommitWriter(Tables t, Dialect dialect) {
        this.t = t;
        this.dialect = dialect;
        this.insertRun = "INSERT INTO " + t.runs + " (run_id, workflow_id, workflow_type, task_queue, status, next_seq,"
                + " last_task_fence, created_at, closed_at, parked_error, replaces_run_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        this.updateRun = "UPDATE " + t.runs + " SET status = ?, next_seq = ?, last_task_fence = ?, closed_at = ?,"
                + " parked_error = ? WHERE run_id = ?";
        this.insertEvent = "INSERT INTO " + t.events + " (run_id, seq, event_type, event_time, attributes,"
                + " commit_token) VALUES (?, ?, ?, ?, ?, ?)";
        this.deleteWorkflowTask = "DELETE FROM " + t.workflowTasks + " WHERE task_id = ?";
        // available_at 0: a scheduled workflow task is due at once, whatever the engines' clocks say.
        this.insertWorkflowTask = "INSERT INTO " + t.workflowTasks + " (run_id, workflow_id, task_queue, available_at,"
                + " fence) VALUES (?, ?, ?, 0, ?)";
        this.deleteActivityTask = "DELETE FROM " + t.activityTasks + " WHERE task_id = ?";
        String activityColumns = "run_id, workflow_id, activity_id, activity_type, task_queue, input, options,"
                + " available_at, scheduled_at, started_at, schedule_to_close_at, schedule_to_start_ms,"
                + " start_to_close_ms, heartbeat_ms, deadline_at, attempt, fence";
        this.insertActivityTask = "INSERT INTO " + t.activityTasks + " (" + activityColumns + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)";
        // Claimed on insert by the scheduling engine: attempt 1 under fence 1, as a claim would leave it.
        this.insertClaimedActivityTask = "INSERT INTO " + t.activityTasks + " (" + activityColumns
                + ", lease_owner, lease_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?, "
                + dialect.nowMillis() + " + ?)";
        this.deleteTimer = "DELETE FROM " + t.timers + " WHERE run_id = ? AND timer_id = ?";
        this.insertTimer = "INSERT INTO " + t.timers + " (run_id, timer_id, fire_at) VALUES (?, ?, ?)";
        this.deleteRunActivityTasks = "DELETE FROM " + t.activityTasks + " WHERE run_id = ?";
        this.deleteRunTimers = "DELETE FROM " + t.timers + " WHERE run_id = ?";
        this.insertWorkflowId = dialect.insertWorkflowId(t.workflowIds);
        this.deleteWorkflowId = "DELETE FROM " + t.workflowIds + " WHERE workflow_id = ? AND run_id = ?";
        this.replaceWorkflowId = "UPDATE " + t.workflowIds + " SET run_id = ? WHERE workflow_id = ? AND run_id = ?";
        this.insertVersion = Migrations.insertVersionMarker(t);
    }

    /**
     * Registers workflow IDs for new runs without aborting the transaction when one is taken, and returns the taken
     * ones with the run that holds them. An insert waits for a concurrent transaction inserting the same ID, so the
     * read-back sees that transaction's committed outcome.
     */
    Map<String, String> claimWorkflowIds(Handle h, Map<String, String> claims) {
        if (claims.isEmpty()) {
            return Map.of();
        }
        List<String> ids = Sql.sortedDistinct(claims.keySet());
        if (dialect.failedStatementAbortsTransaction()) {
            batch(h, insertWorkflowId, ids, (b, id) -> b.bind(0, id).bind(1, claims.get(id)));
        } else {
            try (PreparedStatement ps = h.getConnection().prepareStatement(insertWorkflowId)) {
                for (String id : ids) {
                    ps.setString(1, id);
                    ps.setString(2, claims.get(id));
                    try {
                        ps.executeUpdate();
                    } catch (SQLException e) {
                        if (!SqlErrors.isUniqueViolation(e)) {
                            throw e;
                        }
                    }
                }
            } catch (SQLException e) {
                throw new StatementFailure(insertWorkflowId, e);
            }
        }
        Map<String, String> owners = new HashMap<>();
        Sql.inChunks(ids, chunk -> {
            Query q = h.createQuery("SELECT workflow_id, run_id FROM " + t.workflowIds + " WHERE workflow_id IN ("
                    + Sql.in(chunk.size()) + ")");
            Sql.bindIn(q, 0, chunk);
            q.map(CommitSnapshot.OWNER).forEach(e -> owners.put(e.getKey(), e.getValue()));
        });
        Map<String, String> taken = new HashMap<>();
        for (String id : ids) {
            String owner = owners.get(id);
            if (owner == null) {
                throw new IllegalStateException("workflow ID " + id + " is neither registered nor free");
            }
            if (!owner.equals(claims.get(id))) {
                taken.put(id, owner);
            }
        }
        return taken;
    }

    /**
     * Points workflow IDs at the runs replacing their latest run. The planner checked, under the old run's row lock
     * that every replacer takes, that the old run is still the ID's latest; a row that no longer matches means that
     * check was wrong, so the transaction must not commit.
     */
    private void replaceWorkflowIds(Handle h, List<CommitPlan.Replacement> replacements) {
        for (CommitPlan.Replacement r : replacements) {
            int n = h.createUpdate(replaceWorkflowId).bind(0, r.newRunId()).bind(1, r.workflowId())
                    .bind(2, r.oldRunId()).execute();
            if (n != 1) {
                throw new IllegalStateException("workflow ID " + r.workflowId() + " no longer has run "
                        + r.oldRunId() + " as its latest run; not replacing it with run " + r.newRunId());
            }
        }
    }

    /** Removes workflow IDs this transaction registered for runs it no longer creates. */
    void releaseWorkflowIds(Handle h, Map<String, String> registered) {
        batch(h, deleteWorkflowId, new ArrayList<>(registered.entrySet()),
                (b, e) -> b.bind(0, e.getKey()).bind(1, e.getValue()));
    }

    void write(Handle h, CommitPlan p) {
        replaceWorkflowIds(h, p.workflowIdReplacements);
        batch(h, deleteWorkflowTask, p.deleteWorkflowTasks, (b, id) -> b.bind(0, id));
        batch(h, deleteActivityTask, p.deleteActivityTasks, (b, id) -> b.bind(0, id));
        batch(h, deleteTimer, p.deleteTimers, (b, k) -> b.bind(0, k.runId()).bind(1, k.id()));
        batch(h, deleteRunActivityTasks, p.closedRuns, (b, runId) -> b.bind(0, runId));
        batch(h, deleteRunTimers, p.closedRuns, (b, runId) -> b.bind(0, runId));
        batch(h, insertRun, p.insertRuns, (b, r) -> b.bind(0, r.runId()).bind(1, r.workflowId())
                .bind(2, r.workflowType()).bind(3, r.taskQueue()).bind(4, r.status().name()).bind(5, r.nextSeq())
                .bind(6, r.lastTaskFence()).bind(7, r.createdAt()).bind(8, nullIfZero(r.closedAt()))
                .bind(9, r.parkedError()).bind(10, r.replacesRunId()));
        batch(h, insertEvent, p.events, (b, e) -> b.bind(0, e.runId()).bind(1, e.seq()).bind(2, e.event().type())
                .bind(3, e.event().time()).bind(4, e.event().attributes()).bind(5, e.token()));
        batch(h, insertWorkflowTask, p.insertWorkflowTasks, (b, w) -> b.bind(0, w.runId()).bind(1, w.workflowId())
                .bind(2, w.taskQueue()).bind(3, w.fence()));
        List<NewActivityTask> unclaimed = new ArrayList<>();
        List<NewActivityTask> claimed = new ArrayList<>();
        p.insertActivityTasks.forEach(a -> (a.leaseOwner() == null ? unclaimed : claimed).add(a));
        batch(h, insertActivityTask, unclaimed, this::bindActivity);
        batch(h, insertClaimedActivityTask, claimed, (b, a) -> bindActivity(b, a).bind(15, a.leaseOwner())
                .bind(16, a.leaseMillis()));
        batch(h, insertTimer, p.insertTimers, (b, timer) -> bindTimer(b, timer));
        batch(h, insertVersion, p.insertVersions, (b, v) -> b.bind(0, v.getKey()).bind(1, v.getValue().changeId())
                .bind(2, (long) v.getValue().version()).bind(3, v.getKey()).bind(4, v.getValue().changeId()));
        batch(h, updateRun, p.updateRuns, (b, r) -> b.bind(0, r.status().name()).bind(1, r.nextSeq())
                .bind(2, r.lastTaskFence()).bind(3, nullIfZero(r.closedAt())).bind(4, r.parkedError())
                .bind(5, r.runId()));
    }

    private Params bindActivity(Params b, NewActivityTask a) {
        return b.bind(0, a.runId()).bind(1, a.workflowId()).bind(2, a.activityId()).bind(3, a.activityType())
                .bind(4, a.taskQueue()).bind(5, a.input()).bind(6, a.options()).bind(7, a.availableAt())
                .bind(8, a.scheduledAt()).bind(9, a.leaseOwner() == null ? 0 : a.availableAt())
                .bind(10, a.timeouts().scheduleToCloseAt()).bind(11, a.timeouts().scheduleToStartMillis())
                .bind(12, a.timeouts().startToCloseMillis()).bind(13, a.timeouts().heartbeatMillis())
                .bind(14, ActivityRow.deadlineColumn(a.initialDeadline()));
    }

    private static Params bindTimer(Params b, NewTimer timer) {
        return b.bind(0, timer.runId()).bind(1, timer.timerId()).bind(2, timer.fireAt());
    }

    private static Long nullIfZero(long value) {
        return value == 0 ? null : value;
    }

    /**
     * One JDBC batch over {@code rows}, skipped when there are none.
     *
     * <p>Design note: plain JDBC, not Jdbi's PreparedBatch: Jdbi resolves an argument type per bound value, which was
     * about a third of the writer's CPU on H2 under W1.
     */
    private static <T> void batch(Handle h, String sql, List<T> rows, BiConsumer<Params, T> binder) {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = h.getConnection().prepareStatement(sql)) {
            Params params = new Params(ps);
            for (T row : rows) {
                binder.accept(params, row);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new StatementFailure(sql, e);
        }
    }

    /** Zero-based, typed binds on a JDBC statement (nulls bound with their SQL type). */
    static final class Params {
        private final PreparedStatement ps;

        Params(PreparedStatement ps) {
            this.ps = ps;
        }

        Params bind(int index, String value) {
            try {
                if (value == null) {
                    ps.setNull(index + 1, Types.VARCHAR);
                } else {
                    ps.setString(index + 1, value);
                }
                return this;
            } catch (SQLException e) {
                throw new StatementFailure("bind", e);
            }
        }

        Params bind(int index, long value) {
            try {
                ps.setLong(index + 1, value);
                return this;
            } catch (SQLException e) {
                throw new StatementFailure("bind", e);
            }
        }

        Params bind(int index, Long value) {
            if (value != null) {
                return bind(index, value.longValue());
            }
            try {
                ps.setNull(index + 1, Types.BIGINT);
                return this;
            } catch (SQLException e) {
                throw new StatementFailure("bind", e);
            }
        }
    }

    /** An SQLException from a statement run on plain JDBC, unchecked; {@link SqlErrors} finds the cause. */
    static final class StatementFailure extends RuntimeException {
        StatementFailure(String sql, SQLException cause) {
            super(cause.getMessage() + " [" + sql + "]", cause);
        }
    }
}
