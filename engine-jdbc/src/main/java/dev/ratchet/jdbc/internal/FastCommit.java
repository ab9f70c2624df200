package dev.ratchet.jdbc.internal;

import dev.ratchet.engine.store.CompletedActivity;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.NewActivityTask;
import dev.ratchet.engine.store.NewRun;
import dev.ratchet.engine.store.NewTimer;
import dev.ratchet.engine.store.RunCommit;
import dev.ratchet.engine.store.RunCommit.WorkflowTaskChange;
import dev.ratchet.engine.store.RunStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The lone-commit fast path: a commit's preconditions written as guarded writes whose row counts prove them, instead of
 * locking reads and planning. A failed guard rolls everything back and the caller runs the general path, which gives
 * the precise result; only the common shapes are taken here, the rest go to the general path directly.
 *
 * <p>Design note: on PostgreSQL all statements travel as one multi-statement prepared statement on an auto-commit
 * connection. pgjdbc sends them as one pipeline ending in a single Sync, and the server runs everything up to that Sync
 * as one implicit transaction, so the commit is one round trip. A guard that fails must abort that transaction, so it
 * is wrapped to call the {@code require} function (schema version 2), which raises
 * {@link SqlErrors#PRECONDITION_FAILED}. On embedded H2 round trips cost nothing: the statements run one by one in an
 * explicit transaction and the row counts are checked in Java.
 */
final class FastCommit {
    /** What became of an attempt. */
    enum Outcome {
        /** Durable. */
        WRITTEN,
        /** Rolled back (a guard failed, or the database refused a statement): run the general path. */
        NOT_WRITTEN,
        /** The connection failed while the commit was in flight: settle by re-reading before anything else. */
        UNKNOWN
    }

    /** The attempt's outcome, with the failure that made it {@link Outcome#UNKNOWN} or {@link Outcome#NOT_WRITTEN}. */
    record Attempt(Outcome outcome, Exception failure) {
    }

    /** A typed SQL NULL parameter. */
    private record Null(int sqlType) {
    }

    private static final Null NULL_TEXT = new Null(Types.VARCHAR);
    private static final Null NULL_BIGINT = new Null(Types.BIGINT);

    /** How a step's row count is checked. */
    enum Check { NONE, ONE_ROW, NO_ROW, ROWS }

    /**
     * One statement; {@code label} names the precondition a check proves; {@code rows} is for {@link Check#ROWS};
     * {@code carriesWrites}: the unchecked writes that follow a check may share its statement on PostgreSQL (see
     * {@link OneTripSql}), which only a check that reads nothing they depend on may allow.
     */
    record Step(String sql, List<Object> params, Check check, String label, int rows, boolean carriesWrites) {
        Step(String sql, List<Object> params, Check check, String label) {
            this(sql, params, check, label, check == Check.ONE_ROW ? 1 : 0, false);
        }

        Step(String sql, List<Object> params, Check check, String label, int rows) {
            this(sql, params, check, label, rows, false);
        }
    }

    private final DataSource dataSource;
    private final Tables t;
    private final Dialect dialect;
    private final String insertWorkflowId;
    private final String insertRun;
    private final String eventColumns;
    private final String insertWorkflowTask;
    private final String scheduleWorkflowTask;
    private final String activityInsertHead;
    private final String activityRow;
    private final String deleteRunActivityTasks;
    private final String deleteRunTimers;
    private final String insertVersion;

    FastCommit(DataSource dataSource, Tables t, Dialect dialect) {
        this.dataSource = dataSource;
        this.t = t;
        this.dialect = dialect;
        this.insertWorkflowId = dialect.insertWorkflowId(t.workflowIds);
        this.insertRun = "INSERT INTO " + t.runs + " (run_id, workflow_id, workflow_type, task_queue, status, next_seq,"
                + " last_task_fence, created_at, closed_at, parked_error) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)";
        this.eventColumns = "INSERT INTO " + t.events + " (run_id, seq, event_type, event_time, attributes,"
                + " commit_token) VALUES ";
        this.insertWorkflowTask = "INSERT INTO " + t.workflowTasks + " (run_id, workflow_id, task_queue, available_at,"
                + " fence) VALUES (?, ?, ?, 0, 0)";
        // Existence of a run's workflow task changes only under the run's row lock, which the run update holds.
        this.scheduleWorkflowTask = "INSERT INTO " + t.workflowTasks + " (run_id, workflow_id, task_queue,"
                + " available_at, fence) SELECT run_id, workflow_id, task_queue, 0, last_task_fence FROM " + t.runs
                + " WHERE run_id = ? AND status = 'RUNNING' AND NOT EXISTS (SELECT 1 FROM " + t.workflowTasks
                + " WHERE run_id = ?)";
        this.activityInsertHead = "INSERT INTO " + t.activityTasks + " (run_id, workflow_id, activity_id,"
                + " activity_type, task_queue, input, options, available_at, scheduled_at, started_at,"
                + " schedule_to_close_at, schedule_to_start_ms, start_to_close_ms, heartbeat_ms, deadline_at, attempt,"
                + " fence, lease_owner, lease_expires_at) VALUES ";
        // Claimed on insert (lease owner set): attempt 1 under fence 1, as a claim would leave it; else 0 and 0.
        this.activityRow = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + dialect.nowMillis()
                + " + CAST(? AS BIGINT))";
        this.deleteRunActivityTasks = "DELETE FROM " + t.activityTasks + " WHERE run_id = ?";
        this.deleteRunTimers = "DELETE FROM " + t.timers + " WHERE run_id = ?";
        this.insertVersion = Migrations.insertVersionMarker(t);
    }

    /** Whether the fast path takes this commit; the others go to the general path. */
    static boolean takes(RunCommit u) {
        if (u.continuation() != null || (u.create() != null && u.create().replacesRunId() != null)
                || !u.afterCloseTimers().isEmpty()) {
            return false; // replacing a workflow ID's run needs the old run's row lock: the general path
        }
        boolean closes = u.newStatus() != null && u.newStatus().isClosed();
        if (closes && (!u.activityTasks().isEmpty() || !u.timers().isEmpty())) {
            return false; // they would not be written, yet the general path checks their IDs
        }
        if (u.create() != null) {
            return u.expectedNextSeq() <= 1 && u.workflowTask() != WorkflowTaskChange.COMPLETE
                    && u.completedActivities().isEmpty() && u.timerId() == null;
        }
        if (u.expectedNextSeq() <= 0) {
            return false; // the store would assign the sequence numbers, which a guarded write cannot know
        }
        if (u.newStatus() != null) {
            // A status change drops the run's workflow task, whose fence must then be known: only when the commit
            // requires there to be none or completes its own claim. Un-parking goes to the general path.
            return u.newStatus() != RunStatus.RUNNING && (u.workflowTask() == WorkflowTaskChange.REQUIRE_NONE
                    || u.workflowTask() == WorkflowTaskChange.COMPLETE);
        }
        return true;
    }

    /** The first sequence number of the commit's events (it must be one {@link #takes} accepted). */
    static long firstSeq(RunCommit u) {
        return u.create() != null ? 1 : u.expectedNextSeq();
    }

    /** Writes a commit {@link #takes} accepted, all or nothing. */
    Attempt run(RunCommit u) {
        List<Step> steps = steps(u);
        return dialect == Dialect.POSTGRES ? runInOneTrip(steps) : runStepByStep(steps);
    }

    private List<Step> steps(RunCommit u) {
        List<Step> steps = new ArrayList<>(10);
        RunStatus status = u.newStatus();
        boolean closes = status != null && status.isClosed();
        long firstSeq = firstSeq(u);
        long nextSeq = firstSeq + u.events().size();
        if (u.create() != null) {
            NewRun c = u.create();
            RunStatus initial = status == null ? RunStatus.RUNNING : status;
            // The new run's rows share the ID check's statement: they read nothing, and a taken ID undoes them all.
            steps.add(new Step(insertWorkflowId, List.of(c.workflowId(), u.runId()), Check.ONE_ROW, "workflow ID", 1,
                    true));
            steps.add(new Step(insertRun, List.of(u.runId(), c.workflowId(), c.workflowType(), c.taskQueue(),
                    initial.name(), nextSeq, c.createdAt(), closes ? (Object) u.closedAt() : NULL_BIGINT,
                    status == RunStatus.PARKED ? text(u.parkedError()) : NULL_TEXT), Check.NONE, "run"));
            if (u.workflowTask() == WorkflowTaskChange.SCHEDULE && initial == RunStatus.RUNNING) {
                steps.add(new Step(insertWorkflowTask, List.of(u.runId(), c.workflowId(), c.taskQueue()),
                        Check.NONE, "workflow task"));
            }
        } else {
            // The run row first: its lock orders this commit with every other commit of the run, as in the general
            // path (runs, then workflow tasks, then activity tasks).
            List<Object> params = new ArrayList<>(8);
            StringBuilder sql = new StringBuilder("UPDATE ").append(t.runs).append(" SET next_seq = ?");
            params.add(nextSeq);
            if (status != null) {
                sql.append(", status = ?, parked_error = ?");
                params.add(status.name());
                params.add(status == RunStatus.PARKED ? text(u.parkedError()) : NULL_TEXT);
                if (closes) {
                    sql.append(", closed_at = ?");
                    params.add(u.closedAt());
                }
            }
            if (u.workflowTask() == WorkflowTaskChange.COMPLETE) {
                sql.append(", last_task_fence = GREATEST(last_task_fence, ?)");
                params.add(u.workflowTaskFence());
            }
            sql.append(" WHERE run_id = ? AND next_seq = ? AND status IN ('RUNNING', 'PARKED')");
            params.add(u.runId());
            params.add(u.expectedNextSeq());
            steps.add(new Step(sql.toString(), params, Check.ONE_ROW, "run open at expected seq"));
            if (!u.completedActivities().isEmpty()) {
                steps.add(completedActivities(u.runId(), u.completedActivities()));
            }
            switch (u.workflowTask()) {
                // After the activity claims' check, so that on PostgreSQL both are one statement (see runInOneTrip).
                case REQUIRE_NONE -> steps.add(new Step("SELECT 1 FROM " + t.workflowTasks + " WHERE run_id = ?",
                        List.of(u.runId()), Check.NO_ROW, "no workflow task"));
                case COMPLETE -> steps.add(new Step("DELETE FROM " + t.workflowTasks + " WHERE run_id = ? AND fence = ?"
                        + " AND lease_owner IS NOT NULL", List.of(u.runId(), u.workflowTaskFence()), Check.ONE_ROW,
                        "workflow task claim"));
                case SCHEDULE, NONE -> {
                    // SCHEDULE inserts after the events, below; NONE checks nothing.
                }
            }
            if (u.timerId() != null) {
                steps.add(new Step("DELETE FROM " + t.timers + " WHERE run_id = ? AND timer_id = ?",
                        List.of(u.runId(), u.timerId()), Check.ONE_ROW, "timer pending"));
            }
            if (closes) {
                steps.add(new Step(deleteRunActivityTasks, List.of(u.runId()), Check.NONE, "activity tasks"));
                steps.add(new Step(deleteRunTimers, List.of(u.runId()), Check.NONE, "timers"));
            }
            if (u.workflowTask() == WorkflowTaskChange.SCHEDULE) {
                steps.add(new Step(scheduleWorkflowTask, List.of(u.runId(), u.runId()), Check.NONE, "workflow task"));
            }
        }
        steps.add(events(u, firstSeq));
        for (dev.ratchet.engine.store.VersionMarker m : u.versionMarkers()) {
            steps.add(new Step(insertVersion, List.of(u.runId(), m.changeId(), m.version(), u.runId(), m.changeId()),
                    Check.NONE, "version marker"));
        }
        if (!closes && !u.activityTasks().isEmpty()) {
            steps.add(activityTasks(u.activityTasks()));
        }
        if (!closes && !u.timers().isEmpty()) {
            steps.add(timers(u.timers()));
        }
        if (!closes && !u.canceledTimers().isEmpty()) {
            steps.add(canceledTimers(u.runId(), u.canceledTimers()));
        }
        return steps;
    }

    private Step events(RunCommit u, long firstSeq) {
        StringBuilder sql = new StringBuilder(eventColumns);
        List<Object> params = new ArrayList<>(u.events().size() * 6);
        long seq = firstSeq;
        for (HistoryEvent e : u.events()) {
            sql.append(seq == firstSeq ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)");
            params.add(u.runId());
            params.add(seq);
            params.add(e.type());
            params.add(e.time());
            params.add(e.attributes());
            params.add(seq == firstSeq ? (Object) u.token() : NULL_BIGINT);
            seq++;
        }
        return new Step(sql.toString(), params, Check.NONE, "events");
    }

    /** New activity IDs must be unused in the run: a unique-key violation rolls back and the general path says so. */
    private Step activityTasks(List<NewActivityTask> tasks) {
        StringBuilder sql = new StringBuilder(activityInsertHead);
        List<Object> params = new ArrayList<>(tasks.size() * 12);
        for (NewActivityTask a : tasks) {
            sql.append(params.isEmpty() ? "" : ", ").append(activityRow);
            boolean claimed = a.leaseOwner() != null;
            params.add(a.runId());
            params.add(a.workflowId());
            params.add(a.activityId());
            params.add(a.activityType());
            params.add(a.taskQueue());
            params.add(text(a.input()));
            params.add(text(a.options()));
            params.add(a.availableAt());
            params.add(a.scheduledAt());
            params.add(claimed ? a.availableAt() : 0L);
            params.add(a.timeouts().scheduleToCloseAt());
            params.add(a.timeouts().scheduleToStartMillis());
            params.add(a.timeouts().startToCloseMillis());
            params.add(a.timeouts().heartbeatMillis());
            long deadline = a.initialDeadline();
            params.add(deadline == 0 ? NULL_BIGINT : (Object) deadline);
            params.add(claimed ? 1 : 0);
            params.add(claimed ? 1L : 0L);
            params.add(claimed ? a.leaseOwner() : NULL_TEXT);
            params.add(claimed ? (Object) a.leaseMillis() : NULL_BIGINT);
        }
        return new Step(sql.toString(), params, Check.NONE, "activity tasks");
    }

    /** Each completed activity's task must exist under its claim's fence: one delete whose row count proves it. */
    private Step completedActivities(String runId, List<CompletedActivity> done) {
        if (done.size() == 1) {
            CompletedActivity a = done.get(0);
            return new Step("DELETE FROM " + t.activityTasks + " WHERE run_id = ? AND activity_id = ? AND fence = ?",
                    List.of(runId, a.activityId(), a.fence()), Check.ONE_ROW, "activity task claim");
        }
        StringBuilder sql = new StringBuilder("DELETE FROM ").append(t.activityTasks)
                .append(" WHERE run_id = ? AND (activity_id, fence) IN (");
        List<Object> params = new ArrayList<>(done.size() * 2 + 1);
        params.add(runId);
        for (CompletedActivity a : done) {
            sql.append(params.size() == 1 ? "(?, ?)" : ", (?, ?)");
            params.add(a.activityId());
            params.add(a.fence());
        }
        return new Step(sql.append(')').toString(), params, Check.ROWS, "activity task claims", done.size());
    }

    /** Canceled timers are deleted if they exist: no precondition (a timer canceled in its own task never was). */
    private Step canceledTimers(String runId, List<String> timerIds) {
        StringBuilder sql = new StringBuilder("DELETE FROM ").append(t.timers)
                .append(" WHERE run_id = ? AND timer_id IN (");
        List<Object> params = new ArrayList<>(timerIds.size() + 1);
        params.add(runId);
        for (String id : timerIds) {
            sql.append(params.size() == 1 ? "?" : ", ?");
            params.add(id);
        }
        return new Step(sql.append(')').toString(), params, Check.NONE, "canceled timers");
    }

    private Step timers(List<NewTimer> timers) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(t.timers).append(" (run_id, timer_id, fire_at)"
                + " VALUES ");
        List<Object> params = new ArrayList<>(timers.size() * 3);
        for (NewTimer timer : timers) {
            sql.append(params.isEmpty() ? "(?, ?, ?)" : ", (?, ?, ?)");
            params.add(timer.runId());
            params.add(timer.timerId());
            params.add(timer.fireAt());
        }
        return new Step(sql.toString(), params, Check.NONE, "timers");
    }

    /** PostgreSQL: every step in one multi-statement on an auto-commit connection, so one implicit transaction. */
    private Attempt runInOneTrip(List<Step> steps) {
        StringBuilder sql = new StringBuilder(1024);
        List<Object> params = new ArrayList<>(64);
        OneTripSql.assemble(steps, t.requireFunction, sql, params);
        Connection c = null;
        PreparedStatement ps;
        try {
            c = dataSource.getConnection();
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            ps = c.prepareStatement(sql.toString());
            bind(ps, params);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            return new Attempt(Outcome.NOT_WRITTEN, e); // nothing was sent
        }
        try {
            ps.execute();
            return new Attempt(Outcome.WRITTEN, null);
        } catch (SQLException | RuntimeException e) {
            // The server reports errors only after it has rolled the implicit transaction back.
            return new Attempt(SqlErrors.isReportedByServer(e) ? Outcome.NOT_WRITTEN : Outcome.UNKNOWN, e);
        } finally {
            closeQuietly(ps);
            closeQuietly(c);
        }
    }

    /** H2: the steps one by one in an explicit transaction, row counts checked here. */
    private Attempt runStepByStep(List<Step> steps) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(false);
            for (Step s : steps) {
                if (!execute(c, s)) {
                    rollbackQuietly(c);
                    closeQuietly(c);
                    return new Attempt(Outcome.NOT_WRITTEN, null);
                }
            }
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            closeQuietly(c);
            return new Attempt(Outcome.NOT_WRITTEN, e);
        }
        try {
            c.commit();
            return new Attempt(Outcome.WRITTEN, null);
        } catch (SQLException | RuntimeException e) {
            return new Attempt(Outcome.UNKNOWN, e);
        } finally {
            closeQuietly(c);
        }
    }

    /** Runs one step; false when its check fails (a unique-key violation fails a check too). */
    private static boolean execute(Connection c, Step s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(s.sql())) {
            bind(ps, s.params());
            switch (s.check()) {
                case NONE -> ps.executeUpdate();
                case ONE_ROW, ROWS -> {
                    return ps.executeUpdate() == s.rows();
                }
                case NO_ROW -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        return !rs.next();
                    }
                }
            }
            return true;
        } catch (SQLException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object v = params.get(i);
            switch (v) {
                case Null n -> ps.setNull(i + 1, n.sqlType());
                case String s -> ps.setString(i + 1, s);
                case Long l -> ps.setLong(i + 1, l);
                case Integer n -> ps.setInt(i + 1, n);
                default -> throw new IllegalArgumentException("unexpected parameter " + v.getClass());
            }
        }
    }

    private static Object text(String value) {
        return value == null ? NULL_TEXT : value;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (c != null) {
                c.rollback();
            }
        } catch (SQLException | RuntimeException ignored) {
            // A broken connection: the database rolls back an open transaction whose connection closes.
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception ignored) {
            // Closing returns the connection to the pool, which discards it if it is broken.
        }
    }
}
