package dev.ratchet.jdbc.internal;

import dev.ratchet.engine.store.ActivityTask;
import dev.ratchet.engine.store.ActivityTimeouts;
import dev.ratchet.engine.store.HeartbeatResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Writes and reads about one activity outside claims and run commits: retries, heartbeats, detachment, cancellation
 * requests, lookups and the next deadline. Writes that move a deadline lock the row, compute the deadline in Java with
 * {@link ActivityTimeouts} (the rule every store shares) and write it back in the same transaction.
 */
final class Activities {
    /** The columns a deadline update needs, locked while it is computed. */
    private record Live(long taskId, long startedAt, boolean leased, boolean cancelRequested,
            ActivityTimeouts timeouts) {
    }

    private static final RowMapper<Live> LIVE = (rs, ctx) -> new Live(rs.getLong(1), rs.getLong(2),
            rs.getString(3) != null || rs.getBoolean(4), rs.getBoolean(5),
            new ActivityTimeouts(rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)));

    private final Transactions tx;
    private final String selectLive;
    private final String retry;
    private final String heartbeat;
    private final String heartbeatWithDetails;
    private final String detach;
    private final String requestCancel;
    private final String find;
    private final String nextDeadline;

    Activities(Transactions tx, Tables t) {
        this.tx = tx;
        this.selectLive = "SELECT task_id, started_at, lease_owner, detached, cancel_requested, schedule_to_close_at,"
                + " schedule_to_start_ms, start_to_close_ms, heartbeat_ms FROM " + t.activityTasks
                + " WHERE run_id = ? AND activity_id = ? AND fence = ? FOR UPDATE";
        // The fence alone decides a retry (not the lease): a released or expired claim that nobody took over still
        // holds the current attempt.
        this.retry = "UPDATE " + t.activityTasks + " SET lease_owner = NULL, lease_expires_at = NULL, detached = FALSE,"
                + " available_at = ?, last_failure = ?, started_at = 0, heartbeat_at = 0, deadline_at = ?"
                + " WHERE task_id = ?";
        this.heartbeat = "UPDATE " + t.activityTasks + " SET heartbeat_at = ?, deadline_at = ? WHERE task_id = ?";
        this.heartbeatWithDetails = "UPDATE " + t.activityTasks + " SET heartbeat_at = ?, deadline_at = ?,"
                + " heartbeat_details = ? WHERE task_id = ?";
        // Only a claimed attempt can be detached; the lease owner stays set (renewals and releases skip detached
        // rows), so a detached attempt keeps counting as held.
        this.detach = "UPDATE " + t.activityTasks + " SET detached = TRUE"
                + " WHERE run_id = ? AND activity_id = ? AND fence = ? AND lease_owner IS NOT NULL";
        this.requestCancel = "UPDATE " + t.activityTasks + " SET cancel_requested = TRUE"
                + " WHERE run_id = ? AND activity_id = ?";
        this.find = "SELECT " + ActivityRow.COLUMNS + " FROM " + t.activityTasks
                + " WHERE run_id = ? AND activity_id = ?";
        this.nextDeadline = "SELECT MIN(deadline_at) FROM " + t.activityTasks;
    }

    boolean retryActivity(String runId, String activityId, long fence, long availableAt, String lastFailure) {
        return tx.inTransaction("record the failed attempt of activity " + activityId + " of run " + runId, h -> {
            Optional<Live> row = live(h, runId, activityId, fence);
            row.ifPresent(r -> h.createUpdate(retry).bind(0, availableAt).bind(1, lastFailure)
                    .bind(2, ActivityRow.deadlineColumn(r.timeouts().deadlineWhileWaiting(availableAt)))
                    .bind(3, r.taskId()).execute());
            return row.isPresent();
        });
    }

    HeartbeatResult heartbeatActivity(String runId, String activityId, long fence, String details, long nowMillis) {
        return tx.inTransaction("record a heartbeat of activity " + activityId + " of run " + runId, h -> {
            Optional<Live> row = live(h, runId, activityId, fence);
            if (row.isEmpty() || row.get().startedAt() == 0 || !row.get().leased()) {
                return HeartbeatResult.STALE;
            }
            Live r = row.get();
            Long deadline = ActivityRow.deadlineColumn(r.timeouts().deadlineWhileRunning(r.startedAt(), nowMillis));
            if (details == null) {
                h.createUpdate(heartbeat).bind(0, nowMillis).bind(1, deadline).bind(2, r.taskId()).execute();
            } else {
                h.createUpdate(heartbeatWithDetails).bind(0, nowMillis).bind(1, deadline).bind(2, details)
                        .bind(3, r.taskId()).execute();
            }
            return r.cancelRequested() ? HeartbeatResult.CANCEL_REQUESTED : HeartbeatResult.ACCEPTED;
        });
    }

    boolean detachActivity(String runId, String activityId, long fence) {
        return tx.inTransaction("detach activity " + activityId + " of run " + runId, h -> h.createUpdate(detach)
                .bind(0, runId).bind(1, activityId).bind(2, fence).execute()) == 1;
    }

    boolean requestActivityCancel(String runId, String activityId) {
        return tx.inTransaction("request cancellation of activity " + activityId + " of run " + runId, h -> h
                .createUpdate(requestCancel).bind(0, runId).bind(1, activityId).execute()) == 1;
    }

    Optional<ActivityTask> findActivityTask(String runId, String activityId) {
        return tx.autoCommit("find activity " + activityId + " of run " + runId, h -> h.createQuery(find)
                .bind(0, runId).bind(1, activityId).map(ActivityRow.MAPPER).findOne().map(ActivityRow::view));
    }

    Optional<Long> nextActivityDeadline() {
        return tx.autoCommit("read the next activity deadline", h -> h.createQuery(nextDeadline)
                .map(Activities::nullableLong).one());
    }

    private Optional<Live> live(Handle h, String runId, String activityId, long fence) {
        return h.createQuery(selectLive).bind(0, runId).bind(1, activityId).bind(2, fence).map(LIVE).findOne();
    }

    private static Optional<Long> nullableLong(ResultSet rs, StatementContext ctx) throws SQLException {
        long value = rs.getLong(1);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
