package dev.ratchet.jdbc.internal;

import java.time.Duration;

/**
 * Lease upkeep outside run commits: renewing and giving back. Every write about one claim names its fence, so a claim
 * that was lost (its lease expired and another engine claimed the task) changes nothing. Detached activity tasks are
 * not leased: renewals and releases pass over them.
 */
final class Leases {
    private final Transactions tx;
    private final String renewWorkflowTasks;
    private final String renewActivityTasks;
    private final String releaseWorkflowTasks;
    private final String releaseActivityTasks;
    private final String releaseWorkflowTask;
    private final String notifyTimers;

    Leases(Transactions tx, Tables t, Dialect dialect) {
        this.tx = tx;
        String now = dialect.nowMillis();
        // A lease that expired is renewed too while nobody else has claimed the task: the owner still holds the
        // current fence, so its work is still the one that will count.
        this.renewWorkflowTasks = "UPDATE " + t.workflowTasks + " SET lease_expires_at = " + now + " + ?"
                + " WHERE lease_owner = ?";
        this.renewActivityTasks = "UPDATE " + t.activityTasks + " SET lease_expires_at = " + now + " + ?"
                + " WHERE lease_owner = ? AND detached = FALSE";
        this.releaseWorkflowTasks = "UPDATE " + t.workflowTasks + " SET lease_owner = NULL, lease_expires_at = NULL"
                + " WHERE lease_owner = ?";
        this.releaseActivityTasks = "UPDATE " + t.activityTasks + " SET lease_owner = NULL, lease_expires_at = NULL"
                + " WHERE lease_owner = ? AND detached = FALSE";
        // The owner check matters: a workflow task re-created after completion starts at the last completed fence,
        // unclaimed, and must not be touched by a late release of that completed claim.
        this.releaseWorkflowTask = "UPDATE " + t.workflowTasks + " SET lease_owner = NULL, lease_expires_at = NULL,"
                + " available_at = ? WHERE run_id = ? AND fence = ? AND lease_owner IS NOT NULL";
        // The released tasks notify through their triggers; timers have no owner column, so say it explicitly.
        this.notifyTimers = dialect == Dialect.POSTGRES ? "SELECT pg_notify(" + t.channelSql() + ", 't') IS NULL" : null;
    }

    /** Each table is its own short statement, so a renewal never holds locks on both tables at once. */
    int renewLeases(String owner, Duration lease) {
        long millis = lease.toMillis();
        String what = "renew the leases of " + owner;
        int workflowTasks = tx.autoCommit(what, h -> h.createUpdate(renewWorkflowTasks).bind(0, millis)
                .bind(1, owner).execute());
        int activityTasks = tx.autoCommit(what, h -> h.createUpdate(renewActivityTasks).bind(0, millis)
                .bind(1, owner).execute());
        return workflowTasks + activityTasks;
    }

    void releaseLeases(String owner) {
        String what = "release the leases of " + owner;
        tx.autoCommit(what, h -> h.createUpdate(releaseWorkflowTasks).bind(0, owner).execute());
        tx.autoCommit(what, h -> h.createUpdate(releaseActivityTasks).bind(0, owner).execute());
        if (notifyTimers != null) {
            // The owner's local timer schedule is gone: other engines fire its timers from now on.
            tx.autoCommit(what, h -> h.createQuery(notifyTimers).mapTo(Boolean.class).one());
        }
    }

    boolean releaseWorkflowTask(String runId, long fence, long availableAt) {
        return tx.inTransaction("release the workflow task of run " + runId, h -> h.createUpdate(releaseWorkflowTask)
                .bind(0, availableAt).bind(1, runId).bind(2, fence).execute()) == 1;
    }
}
