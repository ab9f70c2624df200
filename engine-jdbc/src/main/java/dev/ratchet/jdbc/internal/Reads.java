package dev.ratchet.jdbc.internal;

import dev.ratchet.engine.store.DueTimer;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.RunRecord;
import dev.ratchet.engine.store.RunStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Plain reads: histories, runs and timers (and the one timer write outside commits, {@link #deleteTimer}). No locks;
 * each read sees committed data.
 */
final class Reads {
    /** Columns of a run, in the order {@link #RUN} reads them. */
    static final String RUN_COLUMNS = "r.workflow_id, r.run_id, r.workflow_type, r.task_queue, r.status, r.next_seq, "
            + "r.created_at, r.closed_at, r.parked_error, r.replaces_run_id";

    static final RowMapper<RunRecord> RUN = (rs, ctx) -> new RunRecord(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), RunStatus.valueOf(rs.getString(5)), rs.getLong(6), rs.getLong(7),
            rs.getLong(8), rs.getString(9), rs.getString(10));

    private static final RowMapper<HistoryEvent> EVENT = (rs, ctx) -> new HistoryEvent(rs.getLong(1),
            rs.getString(2), rs.getLong(3), rs.getString(4));

    private static final RowMapper<DueTimer> TIMER = (rs, ctx) -> new DueTimer(rs.getString(1), rs.getString(2),
            rs.getLong(3));

    private final Transactions tx;
    private final String loadHistory;
    private final String findRun;
    private final String findByWorkflowId;
    private final String runs;
    private final String dueTimers;
    private final String nextTimerDue;
    private final String deleteTimer;

    Reads(Transactions tx, Tables t) {
        this.tx = tx;
        this.runs = t.runs;
        this.loadHistory = "SELECT seq, event_type, event_time, attributes FROM " + t.events
                + " WHERE run_id = ? AND seq >= ? ORDER BY seq";
        this.findRun = "SELECT " + RUN_COLUMNS + " FROM " + t.runs + " r WHERE r.run_id = ?";
        this.findByWorkflowId = "SELECT " + RUN_COLUMNS + " FROM " + t.workflowIds + " w JOIN " + t.runs
                + " r ON r.run_id = w.run_id WHERE w.workflow_id = ?";
        this.dueTimers = "SELECT run_id, timer_id, fire_at FROM " + t.timers
                + " WHERE fire_at <= ? ORDER BY fire_at, timer_pk FETCH FIRST ? ROWS ONLY";
        this.nextTimerDue = "SELECT MIN(fire_at) FROM " + t.timers;
        this.deleteTimer = "DELETE FROM " + t.timers + " WHERE run_id = ? AND timer_id = ?";
    }

    List<HistoryEvent> loadHistory(String runId, long fromSeq) {
        return tx.autoCommit("load the history of run " + runId, h -> h.createQuery(loadHistory)
                .bind(0, runId).bind(1, fromSeq).map(EVENT).list());
    }

    Optional<RunRecord> findRun(String runId) {
        return tx.autoCommit("find run " + runId, h -> h.createQuery(findRun).bind(0, runId).map(RUN).findOne());
    }

    /**
     * Runs newest first after the query's cursor. Design note: the filters are optional, so the statement is built per
     * call (at most four shapes); the primary key and the status, type and creation columns answer it without a
     * dedicated index for now (a full scan of the runs table, which stays small next to the events).
     */
    List<RunRecord> listRuns(dev.ratchet.engine.store.RunQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + RUN_COLUMNS + " FROM " + runs + " r WHERE (r.created_at < ?"
                + " OR (r.created_at = ? AND r.run_id < ?))");
        if (q.status() != null) {
            sql.append(" AND r.status = ?");
        }
        if (q.workflowType() != null) {
            sql.append(" AND r.workflow_type = ?");
        }
        sql.append(" ORDER BY r.created_at DESC, r.run_id DESC FETCH FIRST ? ROWS ONLY");
        return tx.autoCommit("list runs", h -> {
            org.jdbi.v3.core.statement.Query query = h.createQuery(sql.toString());
            int i = 0;
            query.bind(i++, q.afterCreated()).bind(i++, q.afterCreated())
                    .bind(i++, q.afterRunId() == null ? "" : q.afterRunId());
            if (q.status() != null) {
                query.bind(i++, q.status().name());
            }
            if (q.workflowType() != null) {
                query.bind(i++, q.workflowType());
            }
            return query.bind(i, q.limit()).map(RUN).list();
        });
    }

    Optional<RunRecord> findByWorkflowId(String workflowId) {
        return tx.autoCommit("find the run of workflow ID " + workflowId, h -> h.createQuery(findByWorkflowId)
                .bind(0, workflowId).map(RUN).findOne());
    }

    List<DueTimer> dueTimers(long nowMillis, int max) {
        if (max <= 0) {
            return List.of();
        }
        return tx.autoCommit("read due timers", h -> h.createQuery(dueTimers).bind(0, nowMillis).bind(1, max)
                .map(TIMER).list());
    }

    boolean deleteTimer(String runId, String timerId) {
        return tx.autoCommit("delete timer " + timerId + " of run " + runId, h -> h.createUpdate(deleteTimer)
                .bind(0, runId).bind(1, timerId).execute() > 0);
    }

    Optional<Long> nextTimerDue() {
        return tx.autoCommit("read the next timer", h -> h.createQuery(nextTimerDue).map(Reads::nullableLong).one());
    }

    private static Optional<Long> nullableLong(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws SQLException {
        long value = rs.getLong(1);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
