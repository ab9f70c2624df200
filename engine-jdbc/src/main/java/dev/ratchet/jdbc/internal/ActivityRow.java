package dev.ratchet.jdbc.internal;

import dev.ratchet.engine.store.ActivityTask;
import dev.ratchet.engine.store.ActivityTimeouts;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * An activity-task row as read, before any change the reading statement makes; claims, sweeps and lookups turn it
 * into the {@link ActivityTask} they return.
 */
record ActivityRow(long taskId, String runId, String workflowId, String activityId, String type, String queue,
        String input, String options, int attempt, long fence, String owner, String lastFailure, long scheduledAt,
        long availableAt, long startedAt, long heartbeatAt, String heartbeatDetails, ActivityTimeouts timeouts,
        boolean cancelRequested, boolean detached) {

    /** The columns {@link #MAPPER} reads, in its order. */
    static final String COLUMNS = "task_id, run_id, workflow_id, activity_id, activity_type, task_queue, input,"
            + " options, attempt, fence, lease_owner, last_failure, scheduled_at, available_at, started_at,"
            + " heartbeat_at, heartbeat_details, schedule_to_close_at, schedule_to_start_ms, start_to_close_ms,"
            + " heartbeat_ms, cancel_requested, detached";

    static final RowMapper<ActivityRow> MAPPER = (rs, ctx) -> new ActivityRow(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
            rs.getInt(9), rs.getLong(10), rs.getString(11), rs.getString(12), rs.getLong(13), rs.getLong(14),
            rs.getLong(15), rs.getLong(16), rs.getString(17),
            new ActivityTimeouts(rs.getLong(18), rs.getLong(19), rs.getLong(20), rs.getLong(21)),
            rs.getBoolean(22), rs.getBoolean(23));

    /** The row as stored. */
    ActivityTask view() {
        return new ActivityTask(runId, workflowId, activityId, type, queue, input, options, attempt, fence, false,
                lastFailure, scheduledAt, availableAt, startedAt, heartbeatAt, heartbeatDetails, timeouts,
                cancelRequested, detached);
    }

    /** The row after a claim stamped it for a new attempt started at {@code nowMillis}. */
    ActivityTask claimed(long nowMillis) {
        return new ActivityTask(runId, workflowId, activityId, type, queue, input, options, attempt + 1, fence + 1,
                owner != null, lastFailure, scheduledAt, availableAt, nowMillis, 0, heartbeatDetails, timeouts,
                cancelRequested, false);
    }

    /** The row after the timeout sweep took it over: same attempt, a new fence, no longer detached. */
    ActivityTask takenOver() {
        return new ActivityTask(runId, workflowId, activityId, type, queue, input, options, attempt, fence + 1, false,
                lastFailure, scheduledAt, availableAt, startedAt, heartbeatAt, heartbeatDetails, timeouts,
                cancelRequested, false);
    }

    /** A deadline as stored: 0 (none) is NULL, so that "no deadline" never sorts first or compares as due. */
    static Long deadlineColumn(long deadline) {
        return deadline == 0 ? null : deadline;
    }
}
