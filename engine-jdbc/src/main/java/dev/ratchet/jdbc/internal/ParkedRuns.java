package dev.ratchet.jdbc.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** Puts parked runs back to work once fixed code is deployed. */
final class ParkedRuns {
    private record Parked(String runId, String workflowId, String taskQueue, long lastTaskFence) {
    }

    private static final RowMapper<Parked> PARKED = (rs, ctx) -> new Parked(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getLong(4));

    private final Transactions tx;
    private final Tables t;
    private final String unpark;
    private final String scheduleTask;

    ParkedRuns(Transactions tx, Tables t) {
        this.tx = tx;
        this.t = t;
        this.unpark = "UPDATE " + t.runs + " SET status = 'RUNNING', parked_error = NULL WHERE run_id = ?";
        // available_at 0: due at once, whatever the engines' clocks say.
        this.scheduleTask = "INSERT INTO " + t.workflowTasks
                + " (run_id, workflow_id, task_queue, available_at, fence) VALUES (?, ?, ?, 0, ?)";
    }

    int unparkRuns(Collection<String> workflowTypes) {
        if (workflowTypes.isEmpty()) {
            return 0;
        }
        List<String> types = Sql.sortedDistinct(workflowTypes);
        return tx.inTransaction("unpark runs of " + types, h -> {
            int[] count = {0};
            Sql.inChunks(types, chunk -> count[0] += unpark(h, chunk));
            return count[0];
        });
    }

    private int unpark(Handle h, List<String> types) {
        Query q = h.createQuery("SELECT run_id, workflow_id, task_queue, last_task_fence FROM " + t.runs
                + " WHERE status = 'PARKED' AND workflow_type IN (" + Sql.in(types.size()) + ")"
                + " ORDER BY run_id FOR UPDATE");
        Sql.bindIn(q, 0, types);
        List<Parked> runs = q.map(PARKED).list();
        if (runs.isEmpty()) {
            return 0;
        }
        // Workflow tasks are only inserted under their run's row lock, which this transaction now holds, so the
        // existence check below cannot race with another insert.
        List<String> runIds = runs.stream().map(Parked::runId).toList();
        Query existing = h.createQuery("SELECT run_id FROM " + t.workflowTasks + " WHERE run_id IN ("
                + Sql.in(runIds.size()) + ")");
        Sql.bindIn(existing, 0, runIds);
        Set<String> withTask = new HashSet<>(existing.mapTo(String.class).list());
        PreparedBatch status = h.prepareBatch(unpark);
        PreparedBatch task = h.prepareBatch(scheduleTask);
        for (Parked run : runs) {
            status.bind(0, run.runId()).add();
            if (!withTask.contains(run.runId())) {
                task.bind(0, run.runId()).bind(1, run.workflowId()).bind(2, run.taskQueue())
                        .bind(3, run.lastTaskFence()).add();
            }
        }
        status.execute();
        if (task.size() > 0) {
            task.execute();
        }
        return runs.size();
    }
}
