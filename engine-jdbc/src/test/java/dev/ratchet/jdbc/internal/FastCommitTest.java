package dev.ratchet.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.engine.store.ActivityTimeouts;
import dev.ratchet.engine.store.CommitResult;
import dev.ratchet.engine.store.CommitResult.Status;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.NewActivityTask;
import dev.ratchet.engine.store.NewRun;
import dev.ratchet.engine.store.NewTimer;
import dev.ratchet.engine.store.RunCommit;
import dev.ratchet.engine.store.RunCommit.WorkflowTaskChange;
import dev.ratchet.engine.store.RunStatus;
import dev.ratchet.engine.store.WorkflowTaskClaim;
import dev.ratchet.jdbc.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lone-commit fast path proves each precondition with a guarded write. When one fails, the commit must write
 * nothing and get exactly the result the general path (used for batches) gives.
 */
class FastCommitTest {
    private ConnectionPool pool;
    private Runnable cleanup = () -> { };
    private SqlStore store;
    private Tables tables;
    private final String runId = UUID.randomUUID().toString();

    static Stream<String> databases() {
        return Stream.of("h2", "postgres");
    }

    private void open(String database) {
        String schema = null;
        Dialect dialect;
        if (database.equals("h2")) {
            DataSource raw = H2Databases.memoryDataSource("fast_" + UUID.randomUUID().toString().replace("-", ""));
            pool = new ConnectionPool(raw, 4, Duration.ofSeconds(5));
            dialect = Dialect.H2;
            Connection keeper = connect(); // keeps the in-memory database alive while the test runs
            cleanup = () -> closeQuietly(keeper);
        } else {
            schema = TestDatabases.createSchema();
            pool = TestDatabases.postgresDataSource(schema);
            String created = schema;
            dialect = Dialect.POSTGRES;
            cleanup = () -> TestDatabases.dropSchema(created);
        }
        tables = new Tables(schema, "ratchet_");
        store = new SqlStore(pool, dialect, schema, "ratchet_");
        store.open();
    }

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
        cleanup.run();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void staleNextSeq(String database) {
        open(database);
        created(WorkflowTaskChange.NONE);

        assertRejectedLikeTheGeneralPath(commit(5, WorkflowTaskChange.NONE, 0, null, 0, null, List.of(), null));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void staleActivityFence(String database) {
        open(database);
        created(WorkflowTaskChange.NONE, activity("a1"));

        assertRejectedLikeTheGeneralPath(commit(3, WorkflowTaskChange.NONE, 0, "a1", 7, null, List.of(), null));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void staleWorkflowTaskFence(String database) {
        open(database);
        created(WorkflowTaskChange.SCHEDULE);
        WorkflowTaskClaim claim = store.claimWorkflowTask(runId, "me", Duration.ofMinutes(1)).orElseThrow();

        assertRejectedLikeTheGeneralPath(commit(3, WorkflowTaskChange.COMPLETE, claim.fence() + 1, null, 0, null,
                List.of(), null));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void completingAnUnclaimedWorkflowTask(String database) {
        open(database);
        created(WorkflowTaskChange.SCHEDULE);

        assertRejectedLikeTheGeneralPath(commit(3, WorkflowTaskChange.COMPLETE, 0, null, 0, null, List.of(), null));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void pendingWorkflowTaskWithRequireNone(String database) {
        open(database);
        created(WorkflowTaskChange.SCHEDULE);

        assertRejectedLikeTheGeneralPath(commit(3, WorkflowTaskChange.REQUIRE_NONE, 0, null, 0, null, List.of(),
                RunStatus.COMPLETED));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void takenWorkflowId(String database) {
        open(database);
        created(WorkflowTaskChange.NONE);
        RunCommit second = create(UUID.randomUUID().toString(), WorkflowTaskChange.SCHEDULE);

        CommitResult result = assertRejectedLikeTheGeneralPath(second);
        assertThat(result.status()).isEqualTo(Status.DUPLICATE_ID);
        assertThat(result.existingRunId()).isEqualTo(runId);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void existingRunId(String database) {
        open(database);
        created(WorkflowTaskChange.NONE);
        RunCommit again = RunCommit.builder(runId).create(new NewRun("other-id", "T", "q", 1)).expectedNextSeq(1)
                .events(events(1)).token(42).build();

        assertRejectedLikeTheGeneralPath(again);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void closedRun(String database) {
        open(database);
        created(WorkflowTaskChange.NONE);
        assertThat(store.commit(List.of(commit(3, WorkflowTaskChange.REQUIRE_NONE, 0, null, 0, null, List.of(),
                RunStatus.COMPLETED))).get(0).status()).isEqualTo(Status.COMMITTED);

        assertRejectedLikeTheGeneralPath(commit(5, WorkflowTaskChange.NONE, 0, null, 0, null, List.of(), null));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void firedTimer(String database) {
        open(database);
        created(WorkflowTaskChange.NONE);

        assertRejectedLikeTheGeneralPath(commit(3, WorkflowTaskChange.NONE, 0, null, 0, "t1", List.of(), null));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void reusedActivityId(String database) {
        open(database);
        created(WorkflowTaskChange.NONE, activity("a1"));

        assertRejectedLikeTheGeneralPath(commit(3, WorkflowTaskChange.NONE, 0, null, 0, null,
                List.of(activity("a1")), null));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void missingRun(String database) {
        open(database);

        assertRejectedLikeTheGeneralPath(commit(3, WorkflowTaskChange.NONE, 0, null, 0, null, List.of(), null));
    }

    /** On PostgreSQL the "no workflow task" check shares a statement with the activity claim's check. */
    @ParameterizedTest
    @MethodSource("databases")
    void pendingWorkflowTaskWithRequireNoneWhileCompletingAnActivity(String database) {
        open(database);
        created(WorkflowTaskChange.SCHEDULE, activity("a1"));

        assertRejectedLikeTheGeneralPath(commit(3, WorkflowTaskChange.REQUIRE_NONE, 0, "a1", 0, null,
                List.of(activity("a2")), null));
    }

    /** Unchecked writes share statements on PostgreSQL, but never two on one table: the cancel must see the insert. */
    @ParameterizedTest
    @MethodSource("databases")
    void aTimerStartedAndCanceledByOneCommitIsGone(String database) {
        open(database);
        created(WorkflowTaskChange.NONE);
        RunCommit u = RunCommit.builder(runId).expectedNextSeq(3).events(events(3))
                .timers(List.of(new NewTimer(runId, "t1", 99), new NewTimer(runId, "t2", 99)))
                .canceledTimers(List.of("t1")).token(49).build();
        assertThat(FastCommit.takes(u)).isTrue();

        assertThat(store.commit(List.of(u)).get(0).status()).isEqualTo(Status.COMMITTED);

        assertThat(state()).contains("timer " + runId + "/t2").doesNotContain("timer " + runId + "/t1");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aPassingCommitWritesWhatTheGeneralPathWould(String database) {
        open(database);
        created(WorkflowTaskChange.NONE, activity("a1"));
        RunCommit u = RunCommit.builder(runId).expectedNextSeq(3).workflowTask(WorkflowTaskChange.REQUIRE_NONE)
                .completedActivity("a1", 0).events(events(3)).activityTasks(List.of(activity("a2")))
                .timers(List.of(new NewTimer(runId, "t1", 99))).token(43).build();

        assertThat(store.commit(List.of(u)).get(0).status()).isEqualTo(Status.COMMITTED);

        assertThat(state()).contains("activity " + runId + "/a2 fence 0", "timer " + runId + "/t1",
                "run " + runId + " RUNNING next 5 fence 0").doesNotContain("/a1");
        assertThat(store.loadHistory(runId, 1)).extracting(HistoryEvent::seq).containsExactly(1L, 2L, 3L, 4L);
    }

    /** A batch of activity outcomes: every task under its fence, proved by one delete's row count. */
    @ParameterizedTest
    @MethodSource("databases")
    void severalCompletedActivitiesAreDeletedTogetherOrNotAtAll(String database) {
        open(database);
        created(WorkflowTaskChange.NONE, activity("a1"), activity("a2"), activity("a3"));
        RunCommit stale = RunCommit.builder(runId).expectedNextSeq(3).workflowTask(WorkflowTaskChange.REQUIRE_NONE)
                .completedActivity("a1", 0).completedActivity("a2", 7).events(events(3)).token(47).build();
        assertThat(assertRejectedLikeTheGeneralPath(stale).detail()).contains("a2");

        RunCommit both = RunCommit.builder(runId).expectedNextSeq(3).workflowTask(WorkflowTaskChange.REQUIRE_NONE)
                .completedActivity("a1", 0).completedActivity("a2", 0).events(events(3)).token(48).build();
        assertThat(FastCommit.takes(both)).isTrue();
        assertThat(store.commit(List.of(both)).get(0).status()).isEqualTo(Status.COMMITTED);
        assertThat(state()).contains("activity " + runId + "/a3 fence 0").doesNotContain("/a1", "/a2");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void scheduleCreatesOneUnclaimedTaskUnderTheLastFenceAndKeepsIt(String database) {
        open(database);
        created(WorkflowTaskChange.SCHEDULE);
        WorkflowTaskClaim claim = store.claimWorkflowTask(runId, "me", Duration.ofMinutes(1)).orElseThrow();
        RunCommit complete = commit(3, WorkflowTaskChange.COMPLETE, claim.fence(), null, 0, null, List.of(), null);
        assertThat(store.commit(List.of(complete)).get(0).status()).isEqualTo(Status.COMMITTED);
        RunCommit schedule = commit(5, WorkflowTaskChange.SCHEDULE, 0, null, 0, null, List.of(), null);
        assertThat(FastCommit.takes(schedule)).isTrue();

        assertThat(store.commit(List.of(schedule)).get(0).status()).isEqualTo(Status.COMMITTED);
        assertThat(store.commit(List.of(commit(7, WorkflowTaskChange.SCHEDULE, 0, null, 0, null, List.of(), null)))
                .get(0).status()).isEqualTo(Status.COMMITTED);

        assertThat(state()).contains("task " + runId + " fence " + claim.fence() + " null",
                "run " + runId + " RUNNING next 9 fence " + claim.fence());
        assertThat(state().stream().filter(row -> row.startsWith("task "))).hasSize(1);
    }

    /** Runs {@code u} alone (fast path) and then in a batch (general path); both must fail alike and write nothing. */
    private CommitResult assertRejectedLikeTheGeneralPath(RunCommit u) {
        assertThat(FastCommit.takes(u)).as("the fast path takes this commit").isTrue();
        List<String> before = state();

        CommitResult fast = store.commit(List.of(u)).get(0);

        assertThat(state()).as("the fast path wrote nothing").isEqualTo(before);
        RunCommit noOp = commitOn("no-such-run", 1);
        CommitResult general = store.commit(List.of(u, noOp)).get(0);
        assertThat(state()).as("the general path wrote nothing").isEqualTo(before);
        assertThat(fast.status()).isNotEqualTo(Status.COMMITTED);
        assertThat(fast).isEqualTo(general);
        return fast;
    }

    private void created(WorkflowTaskChange change, NewActivityTask... tasks) {
        RunCommit c = RunCommit.builder(runId).create(new NewRun("wf-" + runId, "T", "q", 1)).expectedNextSeq(1)
                .workflowTask(change).events(events(1)).activityTasks(List.of(tasks)).token(41).build();
        assertThat(store.commit(List.of(c)).get(0).status()).isEqualTo(Status.COMMITTED);
    }

    private RunCommit create(String newRunId, WorkflowTaskChange change) {
        return RunCommit.builder(newRunId).create(new NewRun("wf-" + runId, "T", "q", 1)).expectedNextSeq(1)
                .workflowTask(change).events(events(1)).token(44).build();
    }

    private RunCommit commit(long expectedNextSeq, WorkflowTaskChange change, long taskFence, String activityId,
            long activityFence, String timerId, List<NewActivityTask> tasks, RunStatus status) {
        RunCommit.Builder commit = RunCommit.builder(runId).expectedNextSeq(expectedNextSeq).workflowTask(change)
                .workflowTaskFence(taskFence).timerId(timerId).events(events(expectedNextSeq)).activityTasks(tasks)
                .newStatus(status).closedAt(status == null ? 0 : 5).token(45);
        if (activityId != null) {
            commit.completedActivity(activityId, activityFence);
        }
        return commit.build();
    }

    private static RunCommit commitOn(String run, long expectedNextSeq) {
        return RunCommit.builder(run).expectedNextSeq(expectedNextSeq)
                .event(new HistoryEvent(expectedNextSeq, "Signal", 2, "{}")).token(46).build();
    }

    private static List<HistoryEvent> events(long firstSeq) {
        return List.of(new HistoryEvent(firstSeq, "A", 2, "{}"), new HistoryEvent(firstSeq + 1, "B", 2, "{}"));
    }

    private NewActivityTask activity(String activityId) {
        return new NewActivityTask(runId, "wf-" + runId, activityId, "Act", "q", "[]", "{}", 1, 1,
                new ActivityTimeouts(10_000, 0, 5_000, 0), null, 0);
    }

    /** Every row the store keeps, as sorted lines. */
    private List<String> state() {
        List<String> rows = new ArrayList<>();
        query("SELECT run_id, status, next_seq, last_task_fence FROM " + tables.runs, rs -> "run " + rs.getString(1)
                + " " + rs.getString(2) + " next " + rs.getLong(3) + " fence " + rs.getLong(4), rows);
        query("SELECT workflow_id, run_id FROM " + tables.workflowIds, rs -> "id " + rs.getString(1) + " "
                + rs.getString(2), rows);
        query("SELECT run_id, seq, commit_token FROM " + tables.events, rs -> "event " + rs.getString(1) + "#"
                + rs.getLong(2) + " " + rs.getString(3), rows);
        query("SELECT run_id, fence, lease_owner FROM " + tables.workflowTasks, rs -> "task " + rs.getString(1)
                + " fence " + rs.getLong(2) + " " + rs.getString(3), rows);
        query("SELECT run_id, activity_id, fence FROM " + tables.activityTasks, rs -> "activity " + rs.getString(1)
                + "/" + rs.getString(2) + " fence " + rs.getLong(3), rows);
        query("SELECT run_id, timer_id FROM " + tables.timers, rs -> "timer " + rs.getString(1) + "/"
                + rs.getString(2), rows);
        rows.sort(null);
        return rows;
    }

    private interface Row {
        String read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Row row, List<String> into) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                into.add(row.read(rs));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // test cleanup
        }
    }
}
