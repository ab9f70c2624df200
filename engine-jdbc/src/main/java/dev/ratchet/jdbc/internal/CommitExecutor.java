package dev.ratchet.jdbc.internal;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.OutcomeUnknownException;
import dev.ratchet.api.StoreException;
import dev.ratchet.engine.store.CommitResult;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.NewActivityTask;
import dev.ratchet.engine.store.NewTimer;
import dev.ratchet.engine.store.RunCommit;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Group commit: all run commits of a call in one transaction, each checked and written independently.
 *
 * <p>One attempt: lock and read ({@link CommitSnapshot}), check every commit ({@link CommitPlanner}), register the
 * workflow IDs of new runs (re-planning if a concurrent engine took one), write the net changes
 * ({@link CommitWriter}), COMMIT. An attempt that fails before COMMIT for a transient reason is run again from
 * scratch. If COMMIT itself fails, the outcome is unknown: it is settled by re-reading on a new connection whether the
 * first event of a written commit carries that commit's token, and only a batch known not to have been written is run
 * again.
 *
 * <p>A batch of one commit first tries {@link FastCommit}, which proves the preconditions with guarded writes in one
 * round trip; only when a precondition fails (rare) does the general path run, to give the precise result.
 */
final class CommitExecutor {
    private final Jdbi jdbi;
    private final Tables t;
    private final Dialect dialect;
    private final CommitWriter writer;
    private final FastCommit fast;
    private final String lockRun;
    private final String readToken;

    CommitExecutor(Jdbi jdbi, DataSource dataSource, Tables t, Dialect dialect, CommitWriter writer) {
        this.jdbi = jdbi;
        this.fast = new FastCommit(dataSource, t, dialect);
        this.t = t;
        this.dialect = dialect;
        this.writer = writer;
        this.lockRun = "SELECT run_id FROM " + t.runs + " WHERE run_id = ? FOR UPDATE";
        this.readToken = "SELECT commit_token FROM " + t.events + " WHERE run_id = ? AND seq = ?";
    }

    List<CommitResult> commit(List<RunCommit> units) {
        validate(units);
        if (units.isEmpty()) {
            return List.of();
        }
        if (units.size() == 1 && FastCommit.takes(units.get(0)) && commitFast(units.get(0))) {
            return List.of(CommitResult.committed());
        }
        for (int attempt = 1; ; attempt++) {
            Handle h = null;
            CommitPlan plan;
            try {
                h = jdbi.open();
                h.begin();
                plan = planAndWrite(h, units);
            } catch (RuntimeException e) {
                Transactions.rollbackQuietly(h);
                Transactions.closeQuietly(h);
                if (attempt >= Transactions.MAX_ATTEMPTS || !SqlErrors.isTransient(e)) {
                    throw SqlErrors.wrap("Could not commit " + units.size() + " run change(s)", e);
                }
                Transactions.backOff(attempt);
                continue;
            }
            try {
                h.commit();
                return plan.results();
            } catch (RuntimeException commitFailure) {
                Transactions.closeQuietly(h); // give the connection back first: a one-connection pool settles too
                if (!plan.writesAnything() || settle(plan.settlementMarker(), commitFailure)) {
                    return plan.results();
                }
                if (attempt >= Transactions.MAX_ATTEMPTS) {
                    throw SqlErrors.wrap("Could not commit " + units.size() + " run change(s); COMMIT failed and"
                            + " nothing was written", commitFailure);
                }
            } finally {
                Transactions.closeQuietly(h);
            }
        }
    }

    /**
     * Tries the lone-commit fast path. Returns false when nothing was written, for the general path to run (and give
     * the precise result of a failed precondition); an unknown outcome is settled first, never retried blindly.
     */
    private boolean commitFast(RunCommit u) {
        FastCommit.Attempt attempt = fast.run(u);
        return switch (attempt.outcome()) {
            case WRITTEN -> true;
            case NOT_WRITTEN -> false;
            case UNKNOWN -> settle(new CommitPlan.Marker(u.runId(), FastCommit.firstSeq(u), u.token(),
                    u.create() != null, u.create() == null ? null : u.create().workflowId()),
                    SqlErrors.asRuntime(attempt.failure()));
        };
    }

    private CommitPlan planAndWrite(Handle h, List<RunCommit> units) {
        CommitSnapshot snapshot = CommitSnapshot.load(h, t, units);
        Map<String, String> raced = new HashMap<>();
        Map<String, String> registered = new HashMap<>();
        while (true) {
            CommitPlan plan = CommitPlanner.plan(units, snapshot, raced);
            // Drop registrations a re-plan no longer wants, then register what is new.
            Map<String, String> unwanted = new HashMap<>();
            for (Iterator<Map.Entry<String, String>> it = registered.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, String> e = it.next();
                if (!e.getValue().equals(plan.workflowIdClaims.get(e.getKey()))) {
                    unwanted.put(e.getKey(), e.getValue());
                    it.remove();
                }
            }
            writer.releaseWorkflowIds(h, unwanted);
            Map<String, String> wanted = new HashMap<>(plan.workflowIdClaims);
            wanted.keySet().removeAll(registered.keySet());
            Map<String, String> taken = writer.claimWorkflowIds(h, wanted);
            wanted.keySet().removeAll(taken.keySet());
            registered.putAll(wanted);
            if (taken.isEmpty()) {
                writer.write(h, plan);
                return plan;
            }
            raced.putAll(taken);
        }
    }

    /**
     * Finds out, on a new connection, whether a batch whose COMMIT failed was written. The read first takes a lock
     * the batch held (a row lock of a run it changed, or the unique key of a workflow ID it registered), so it cannot
     * run while the old transaction is still open on the server; then it looks for the token of one commit's first
     * event. Commits of a batch share one transaction, so one answer holds for all.
     *
     * @return whether the batch was written
     * @throws StoreException when the outcome cannot be found out
     */
    private boolean settle(CommitPlan.Marker marker, RuntimeException commitFailure) {
        Handle h = null;
        try {
            h = jdbi.open();
            h.begin();
            dialect.limitLockWait(h);
            if (marker.createsRun()) {
                writer.claimWorkflowIds(h, Map.of(marker.workflowId(), marker.runId()));
            } else {
                h.createQuery(lockRun).bind(0, marker.runId()).mapTo(String.class).findOne();
            }
            Optional<Long> token = h.createQuery(readToken).bind(0, marker.runId()).bind(1, marker.firstSeq())
                    .mapTo(Long.class).findOne();
            return token.isPresent() && token.get() == marker.token();
        } catch (RuntimeException e) {
            StoreException unknown = new OutcomeUnknownException("COMMIT of run changes failed and their outcome could"
                    + " not be read back, so it is unknown; reload the run before retrying (first change: run "
                    + marker.runId() + ", seq " + marker.firstSeq() + "): " + commitFailure.getMessage(),
                    commitFailure);
            unknown.addSuppressed(e);
            throw unknown;
        } finally {
            // The settlement transaction only reads, or registers a workflow ID to wait on a lock: never keep it.
            Transactions.rollbackQuietly(h);
            Transactions.closeQuietly(h);
        }
    }

    /** Rejects malformed input before any database work, so that nothing of the batch is written. */
    private static void validate(List<RunCommit> units) {
        InvalidArgumentException.requireNonNull(units, "commits");
        List<RunCommit> all = new java.util.ArrayList<>(units.size());
        for (RunCommit u : units) {
            InvalidArgumentException.requireNonNull(u, "a commit");
            all.add(u);
            if (u.continuation() != null) {
                all.add(u.continuation());
            }
        }
        for (RunCommit u : all) {
            if (u.create() != null) {
                InvalidArgumentException.requireNonBlank(u.create().workflowId(), "create.workflowId");
            }
            for (HistoryEvent e : u.events()) {
                if (e == null || e.type() == null || e.attributes() == null) {
                    throw new InvalidArgumentException("events of run " + u.runId()
                            + " need a type and attributes");
                }
            }
            for (NewActivityTask a : u.activityTasks()) {
                if (!u.runId().equals(a.runId())) {
                    throw new InvalidArgumentException("activity task " + a.activityId() + " names run "
                            + a.runId() + " but is committed with run " + u.runId());
                }
            }
            for (NewTimer timer : u.timers()) {
                if (!u.runId().equals(timer.runId())) {
                    throw new InvalidArgumentException("timer " + timer.timerId() + " names run " + timer.runId()
                            + " but is committed with run " + u.runId());
                }
            }
        }
    }
}
