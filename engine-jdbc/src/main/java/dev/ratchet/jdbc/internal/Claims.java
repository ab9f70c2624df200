package dev.ratchet.jdbc.internal;

import dev.ratchet.engine.store.ActivityTask;
import dev.ratchet.engine.store.WorkflowTaskClaim;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * Claims workflow and activity tasks, and takes over activity tasks past their deadline (the timeout sweep), which
 * uses the same steps. A claim is two statements in one transaction: select candidate rows
 * {@code FOR UPDATE SKIP LOCKED}, so concurrent claimers pass over each other's rows instead of waiting, then stamp
 * owner, lease expiry (database clock) and a fence one higher on the rows selected.
 *
 * <p>Queue claims read candidates in primary-key order. H2 applies {@code FETCH FIRST} before locking only when it reads the
 * primary key in order; with any other order it locks every matching row first and starves the other claimers.
 */
final class Claims {
    private record Candidate(long taskId, String runId, String workflowId, long fence) {
    }

    private static final RowMapper<Candidate> CANDIDATE = (rs, ctx) -> new Candidate(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getLong(4));

    private final Transactions tx;
    private final Tables t;
    private final String now;
    private final String stampWorkflowTask;
    private final String stampActivityTask;
    private final String stampTimedOutActivityTask;
    private final String timedOutActivityTasks;
    private final String selectRunTask;

    Claims(Transactions tx, Tables t, Dialect dialect) {
        this.tx = tx;
        this.t = t;
        this.now = dialect.nowMillis();
        this.stampWorkflowTask = "UPDATE " + t.workflowTasks + " SET lease_owner = ?, lease_expires_at = " + now
                + " + ?, fence = fence + 1 WHERE task_id = ?";
        this.stampActivityTask = "UPDATE " + t.activityTasks + " SET lease_owner = ?, lease_expires_at = " + now
                + " + ?, fence = fence + 1, attempt = attempt + 1, started_at = ?, heartbeat_at = 0, deadline_at = ?"
                + " WHERE task_id = ?";
        this.stampTimedOutActivityTask = "UPDATE " + t.activityTasks + " SET lease_owner = ?, lease_expires_at = "
                + now + " + ?, fence = fence + 1, deadline_at = NULL, detached = FALSE WHERE task_id = ?";
        // Deadline order, not primary-key order: on H2 this locks every due row before FETCH FIRST applies, which
        // only holds back other sweepers of the same JVM for one short transaction (claimers skip due rows anyway).
        this.timedOutActivityTasks = "SELECT " + ActivityRow.COLUMNS + " FROM " + t.activityTasks
                + " WHERE deadline_at <= ? ORDER BY deadline_at, task_id"
                + " FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED";
        this.selectRunTask = "SELECT task_id, run_id, workflow_id, fence FROM " + t.workflowTasks
                + " WHERE run_id = ? AND (lease_owner IS NULL OR lease_expires_at <= " + now + ")"
                + " FOR UPDATE SKIP LOCKED";
    }

    /** The shared WHERE/ORDER/LIMIT of a queue claim; parameters: queues..., nowMillis, extra..., max. */
    private String claimable(String columns, String table, int queues, String extra) {
        return "SELECT " + columns + " FROM " + table
                + " WHERE task_queue IN (" + Sql.in(queues) + ") AND available_at <= ?" + extra
                + " AND (lease_owner IS NULL OR lease_expires_at <= " + now + ")"
                + " ORDER BY task_id FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED";
    }

    /** The candidate query of a workflow-task claim over {@code queues} queues; parameters: queues..., now, max. */
    String workflowTaskCandidates(int queues) {
        return claimable("task_id, run_id, workflow_id, fence", t.workflowTasks, queues, "");
    }

    /**
     * The candidate query of an activity-task claim over {@code queues} queues; parameters: queues..., now, now, max.
     * Detached tasks wait for their outside completion, and tasks past their deadline for the timeout sweep.
     */
    String activityTaskCandidates(int queues) {
        return claimable(ActivityRow.COLUMNS, t.activityTasks, queues,
                " AND detached = FALSE AND (deadline_at IS NULL OR deadline_at > ?)");
    }

    List<WorkflowTaskClaim> claimWorkflowTasks(Collection<String> taskQueues, String owner, int max, Duration lease,
            long nowMillis) {
        if (max <= 0 || taskQueues.isEmpty()) {
            return List.of();
        }
        List<String> queues = Sql.sortedDistinct(taskQueues);
        String select = workflowTaskCandidates(queues.size());
        return tx.inTransaction("claim workflow tasks", h -> {
            Query q = h.createQuery(select);
            int next = Sql.bindIn(q, 0, queues);
            List<Candidate> rows = q.bind(next, nowMillis).bind(next + 1, max).map(CANDIDATE).list();
            stamp(h, stampWorkflowTask, rows.stream().map(Candidate::taskId).toList(), owner, lease);
            return rows.stream().map(c -> new WorkflowTaskClaim(c.runId(), c.workflowId(), c.fence() + 1)).toList();
        });
    }

    Optional<WorkflowTaskClaim> claimWorkflowTask(String runId, String owner, Duration lease) {
        return tx.inTransaction("claim the workflow task of run " + runId, h -> {
            Optional<Candidate> row = h.createQuery(selectRunTask).bind(0, runId).map(CANDIDATE).findOne();
            row.ifPresent(c -> stamp(h, stampWorkflowTask, List.of(c.taskId()), owner, lease));
            return row.map(c -> new WorkflowTaskClaim(c.runId(), c.workflowId(), c.fence() + 1));
        });
    }

    List<ActivityTask> claimActivityTasks(Collection<String> taskQueues, String owner, int max, Duration lease,
            long nowMillis) {
        if (max <= 0 || taskQueues.isEmpty()) {
            return List.of();
        }
        List<String> queues = Sql.sortedDistinct(taskQueues);
        String select = activityTaskCandidates(queues.size());
        return tx.inTransaction("claim activity tasks", h -> {
            Query q = h.createQuery(select);
            int next = Sql.bindIn(q, 0, queues);
            List<ActivityRow> rows = q.bind(next, nowMillis).bind(next + 1, nowMillis).bind(next + 2, max)
                    .map(ActivityRow.MAPPER).list();
            if (rows.isEmpty()) {
                return List.of();
            }
            PreparedBatch batch = h.prepareBatch(stampActivityTask);
            List<ActivityTask> claimed = new ArrayList<>(rows.size());
            for (ActivityRow r : rows) {
                long deadline = r.timeouts().deadlineWhileRunning(nowMillis, 0);
                batch.bind(0, owner).bind(1, lease.toMillis()).bind(2, nowMillis)
                        .bind(3, ActivityRow.deadlineColumn(deadline)).bind(4, r.taskId()).add();
                claimed.add(r.claimed(nowMillis));
            }
            batch.execute();
            return claimed;
        });
    }

    List<ActivityTask> claimTimedOutActivityTasks(String owner, int max, Duration lease, long nowMillis) {
        if (max <= 0) {
            return List.of();
        }
        return tx.inTransaction("claim timed-out activity tasks", h -> {
            List<ActivityRow> rows = h.createQuery(timedOutActivityTasks).bind(0, nowMillis).bind(1, max)
                    .map(ActivityRow.MAPPER).list();
            stamp(h, stampTimedOutActivityTask, rows.stream().map(ActivityRow::taskId).toList(), owner, lease);
            return rows.stream().map(ActivityRow::takenOver).toList();
        });
    }

    private static void stamp(Handle h, String sql, List<Long> taskIds, String owner, Duration lease) {
        if (taskIds.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch(sql);
        for (long id : taskIds) {
            batch.bind(0, owner).bind(1, lease.toMillis()).bind(2, id).add();
        }
        batch.execute();
    }
}
