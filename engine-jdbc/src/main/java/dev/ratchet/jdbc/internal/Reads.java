package dev.ratchet.jdbc.internal;

import dev.ratchet.engine.store.DueTimer;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.RunRecord;
import dev.ratchet.engine.store.RunQuery;
import dev.ratchet.engine.store.RunStatus;
import dev.ratchet.engine.store.VersionCounts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final String runsTable;
    private final String dueTimers;
    private final String nextTimerDue;
    private final String deleteTimer;
    private final String countByVersion;

    Reads(Transactions tx, Tables t) {
        this.tx = tx;
        this.runsTable = t.runs;
        this.loadHistory = "SELECT seq, event_type, event_time, attributes FROM " + t.events
                + " WHERE run_id = ? AND seq >= ? ORDER BY seq";
        this.findRun = "SELECT " + RUN_COLUMNS + " FROM " + t.runs + " r WHERE r.run_id = ?";
        this.findByWorkflowId = "SELECT " + RUN_COLUMNS + " FROM " + t.workflowIds + " w JOIN " + t.runs
                + " r ON r.run_id = w.run_id WHERE w.workflow_id = ?";
        this.dueTimers = "SELECT run_id, timer_id, fire_at FROM " + t.timers
                + " WHERE fire_at <= ? ORDER BY fire_at, timer_pk FETCH FIRST ? ROWS ONLY";
        this.nextTimerDue = "SELECT MIN(fire_at) FROM " + t.timers;
        this.countByVersion = "SELECT v.version, COUNT(*) FROM " + t.runs + " r LEFT JOIN " + t.runVersions
                + " v ON v.run_id = r.run_id AND v.change_id = ? WHERE r.workflow_type = ?"
                + " AND r.status IN ('RUNNING', 'PARKED') GROUP BY v.version";
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
     * Runs newest first after the query's cursor, from the indexes on {@code (status, created_at DESC, run_id DESC)} and
     * {@code (workflow_type, status, created_at DESC, run_id DESC)} (schema version 5).
     *
     * <p>Design note: each index answers one status (and type) as an ordered range, read from the cursor for at most a
     * page. A list over every status is the union of one such range per status, each cut to a page, merged and cut
     * again: a few index ranges and a sort of at most seven pages, however many runs there are. The cursor's
     * {@code created_at <= ?} is redundant with the exact condition after it, but gives the index range its start.
     */
    List<RunRecord> listRuns(RunQuery q) {
        Statement list = listRunsStatement(runsTable, q);
        return tx.autoCommit("list runs", h -> {
            org.jdbi.v3.core.statement.Query query = h.createQuery(list.sql());
            for (int i = 0; i < list.params().size(); i++) {
                Object p = list.params().get(i);
                if (p instanceof String text) {
                    query.bind(i, text);
                } else if (p instanceof Integer n) {
                    query.bind(i, n.intValue());
                } else {
                    query.bind(i, ((Long) p).longValue());
                }
            }
            return query.map(RUN).list();
        });
    }

    /** An SQL statement with its parameters (String, Integer or Long), in order. */
    record Statement(String sql, List<Object> params) {
    }

    /** The statement {@link #listRuns} runs for {@code q} on the runs table {@code runs}. */
    static Statement listRunsStatement(String runs, RunQuery q) {
        List<RunStatus> statuses = q.status() != null ? List.of(q.status()) : List.of(RunStatus.values());
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        if (statuses.size() > 1) {
            sql.append("SELECT * FROM (");
        }
        for (RunStatus status : statuses) {
            if (params.size() > 0) {
                sql.append(" UNION ALL ");
            }
            sql.append(statuses.size() > 1 ? "(" : "").append("SELECT ").append(RUN_COLUMNS).append(" FROM ")
                    .append(runs).append(" r WHERE r.status = ?");
            params.add(status.name());
            if (q.workflowType() != null) {
                sql.append(" AND r.workflow_type = ?");
                params.add(q.workflowType());
            }
            long upper = Math.min(q.afterCreated(), q.createdTo());
            if (upper != Long.MAX_VALUE) {
                sql.append(" AND r.created_at <= ?");
                params.add(upper);
            }
            if (q.afterRunId() != null) {
                sql.append(" AND (r.created_at < ? OR (r.created_at = ? AND r.run_id < ?))");
                params.add(q.afterCreated());
                params.add(q.afterCreated());
                params.add(q.afterRunId());
            } else if (q.afterCreated() != Long.MAX_VALUE) {
                sql.append(" AND r.created_at < ?");
                params.add(q.afterCreated());
            }
            if (q.createdFrom() != Long.MIN_VALUE) {
                sql.append(" AND r.created_at >= ?");
                params.add(q.createdFrom());
            }
            // the constant leading columns make the order the index's own: H2 then reads the range without a sort
            sql.append(" ORDER BY ").append(q.workflowType() != null ? "r.workflow_type, " : "")
                    .append("r.status, r.created_at DESC, r.run_id DESC FETCH FIRST ? ROWS ONLY");
            params.add(q.limit());
            sql.append(statuses.size() > 1 ? ")" : "");
        }
        if (statuses.size() > 1) {
            sql.append(") u ORDER BY created_at DESC, run_id DESC FETCH FIRST ? ROWS ONLY");
            params.add(q.limit());
        }
        return new Statement(sql.toString(), params);
    }

    /**
     * One statement, so one consistent read: the open runs of the type (from the type-and-status index) joined with
     * their marker for the change, if any; the group without one is the runs that recorded none.
     */
    VersionCounts countOpenRunsByVersion(String workflowType, String changeId) {
        return tx.autoCommit("count open runs of " + workflowType + " by version of " + changeId, h -> {
            long[] without = {0};
            Map<Integer, Long> byVersion = new HashMap<>();
            h.createQuery(countByVersion).bind(0, changeId).bind(1, workflowType).map((rs, ctx) -> {
                int version = rs.getInt(1);
                boolean none = rs.wasNull();
                long n = rs.getLong(2);
                if (none) {
                    without[0] += n;
                } else {
                    byVersion.put(version, n);
                }
                return n;
            }).list();
            return new VersionCounts(without[0], byVersion);
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
