package dev.ratchet.jdbc.internal;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.engine.store.ActivityTask;
import dev.ratchet.engine.store.CommitResult;
import dev.ratchet.engine.store.DueTimer;
import dev.ratchet.engine.store.HeartbeatResult;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.RunCommit;
import dev.ratchet.engine.store.RunRecord;
import dev.ratchet.engine.store.WorkflowStore;
import dev.ratchet.engine.store.WorkflowTaskClaim;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;

/**
 * The SQL implementation of {@link WorkflowStore} over any {@link DataSource}; {@code JdbcStore} adds the factories
 * and owns the connections. Each concern lives in its own class: reads, claims, leases, activity upkeep, parked runs
 * and the group commit.
 */
public final class SqlStore implements WorkflowStore {
    private final Migrations migrations;
    private final Reads reads;
    private final Claims claims;
    private final Leases leases;
    private final Activities activities;
    private final ParkedRuns parkedRuns;
    private final Requests requests;
    private final CommitExecutor commits;

    /**
     * Creates the store; {@link #open()} creates or migrates its tables.
     *
     * @param dataSource       a pooled data source
     * @param dialect          the database's dialect
     * @param schema           the schema of the tables, or null for the connection's default
     * @param tablePrefix      the prefix of every table name
     */
    public SqlStore(DataSource dataSource, Dialect dialect, String schema, String tablePrefix) {
        Jdbi jdbi = Jdbi.create(dataSource);
        // Every transaction here ends explicitly; a broken connection must not turn a rollback into a second error.
        jdbi.getConfig(Handles.class).setForceEndTransactions(false);
        Tables tables = new Tables(schema, tablePrefix);
        Transactions tx = new Transactions(jdbi);
        this.migrations = new Migrations(jdbi, dialect, tables);
        this.reads = new Reads(tx, tables);
        this.claims = new Claims(tx, tables, dialect);
        this.leases = new Leases(tx, tables, dialect);
        this.activities = new Activities(tx, tables);
        this.parkedRuns = new ParkedRuns(tx, tables);
        this.requests = new Requests(tx, tables, dialect);
        this.commits = new CommitExecutor(jdbi, dataSource, tables, dialect, new CommitWriter(tables, dialect));
    }

    /** The newest schema version this code creates. */
    public int schemaVersion() {
        return migrations.latestVersion();
    }

    @Override
    public void open() {
        migrations.migrate();
    }

    @Override
    public List<CommitResult> commit(List<RunCommit> commits) {
        return this.commits.commit(commits);
    }

    @Override
    public List<HistoryEvent> loadHistory(String runId, long fromSeq) {
        return reads.loadHistory(InvalidArgumentException.requireNonNull(runId, "runId"), fromSeq);
    }

    @Override
    public Optional<RunRecord> findByWorkflowId(String workflowId) {
        return reads.findByWorkflowId(InvalidArgumentException.requireNonNull(workflowId, "workflowId"));
    }

    @Override
    public List<RunRecord> listRuns(dev.ratchet.engine.store.RunQuery query) {
        return reads.listRuns(InvalidArgumentException.requireNonNull(query, "query"));
    }

    @Override
    public dev.ratchet.engine.store.VersionCounts countOpenRunsByVersion(String workflowType, String changeId) {
        return reads.countOpenRunsByVersion(InvalidArgumentException.requireNonNull(workflowType, "workflowType"),
                InvalidArgumentException.requireNonNull(changeId, "changeId"));
    }

    @Override
    public Optional<RunRecord> findRun(String runId) {
        return reads.findRun(InvalidArgumentException.requireNonNull(runId, "runId"));
    }

    @Override
    public List<WorkflowTaskClaim> claimWorkflowTasks(Collection<String> taskQueues, String owner, int max,
            Duration lease, long nowMillis) {
        return claims.claimWorkflowTasks(queues(taskQueues), owner(owner), max, lease(lease), nowMillis);
    }

    @Override
    public Optional<WorkflowTaskClaim> claimWorkflowTask(String runId, String owner, Duration lease) {
        return claims.claimWorkflowTask(InvalidArgumentException.requireNonNull(runId, "runId"), owner(owner),
                lease(lease));
    }

    @Override
    public boolean releaseWorkflowTask(String runId, long fence, long availableAt) {
        return leases.releaseWorkflowTask(InvalidArgumentException.requireNonNull(runId, "runId"), fence,
                availableAt);
    }

    @Override
    public List<ActivityTask> claimActivityTasks(Collection<String> taskQueues, String owner, int max,
            Duration lease, long nowMillis) {
        return claims.claimActivityTasks(queues(taskQueues), owner(owner), max, lease(lease), nowMillis);
    }

    @Override
    public boolean retryActivity(String runId, String activityId, long fence, long availableAt,
            String lastFailure) {
        return activities.retryActivity(runId(runId), activityId(activityId), fence, availableAt, lastFailure);
    }

    @Override
    public List<ActivityTask> claimTimedOutActivityTasks(String owner, int max, Duration lease, long nowMillis) {
        return claims.claimTimedOutActivityTasks(owner(owner), max, lease(lease), nowMillis);
    }

    @Override
    public Optional<Long> nextActivityDeadline() {
        return activities.nextActivityDeadline();
    }

    @Override
    public HeartbeatResult heartbeatActivity(String runId, String activityId, long fence, String details,
            long nowMillis) {
        return activities.heartbeatActivity(runId(runId), activityId(activityId), fence, details, nowMillis);
    }

    @Override
    public boolean detachActivity(String runId, String activityId, long fence) {
        return activities.detachActivity(runId(runId), activityId(activityId), fence);
    }

    @Override
    public boolean requestActivityCancel(String runId, String activityId) {
        return activities.requestActivityCancel(runId(runId), activityId(activityId));
    }

    @Override
    public Optional<ActivityTask> findActivityTask(String runId, String activityId) {
        return activities.findActivityTask(runId(runId), activityId(activityId));
    }

    @Override
    public int renewLeases(String owner, Duration lease) {
        return leases.renewLeases(owner(owner), lease(lease));
    }

    @Override
    public void releaseLeases(String owner) {
        leases.releaseLeases(owner(owner));
    }

    @Override
    public List<DueTimer> dueTimers(long nowMillis, int max) {
        return reads.dueTimers(nowMillis, max);
    }

    @Override
    public Optional<Long> nextTimerDue() {
        return reads.nextTimerDue();
    }

    @Override
    public void putRequest(dev.ratchet.engine.store.MessageRequest request) {
        requests.put(InvalidArgumentException.requireNonNull(request, "request"));
    }

    @Override
    public List<dev.ratchet.engine.store.MessageRequest> claimRequests(Collection<String> taskQueues,
            Collection<String> workflowTypes, String owner, int max, Duration lease, long nowMillis) {
        return requests.claim(queues(taskQueues), InvalidArgumentException.requireNonNull(workflowTypes,
                "workflowTypes"), owner(owner), max, lease(lease), nowMillis);
    }

    @Override
    public boolean answerRequest(String requestId, String owner, String answer) {
        return requests.answer(InvalidArgumentException.requireNonNull(requestId, "requestId"), owner(owner),
                InvalidArgumentException.requireNonNull(answer, "answer"));
    }

    @Override
    public Optional<String> takeAnswer(String requestId) {
        return requests.take(InvalidArgumentException.requireNonNull(requestId, "requestId"));
    }

    @Override
    public boolean withdrawRequest(String requestId) {
        return requests.withdraw(InvalidArgumentException.requireNonNull(requestId, "requestId"));
    }

    @Override
    public boolean deleteTimer(String runId, String timerId) {
        return reads.deleteTimer(runId(runId), InvalidArgumentException.requireNonNull(timerId, "timerId"));
    }

    @Override
    public int unparkRuns(Collection<String> workflowTypes) {
        return parkedRuns.unparkRuns(InvalidArgumentException.requireNonNull(workflowTypes, "workflowTypes"));
    }

    /** Nothing to release: the connections belong to whoever gave the data source. */
    @Override
    public void close() {
    }

    private static String runId(String runId) {
        return InvalidArgumentException.requireNonNull(runId, "runId");
    }

    private static String activityId(String activityId) {
        return InvalidArgumentException.requireNonNull(activityId, "activityId");
    }

    private static Collection<String> queues(Collection<String> taskQueues) {
        return InvalidArgumentException.requireNonNull(taskQueues, "taskQueues");
    }

    private static String owner(String owner) {
        return InvalidArgumentException.requireNonBlank(owner, "owner");
    }

    private static Duration lease(Duration lease) {
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw new InvalidArgumentException("lease must be a positive duration, was " + lease);
        }
        return lease;
    }
}
