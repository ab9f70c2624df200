package dev.ratchet.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.api.OutcomeUnknownException;
import dev.ratchet.engine.store.CommitResult;
import dev.ratchet.engine.store.CommitResult.Status;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.NewRun;
import dev.ratchet.engine.store.RunCommit;
import dev.ratchet.engine.store.RunCommit.WorkflowTaskChange;
import dev.ratchet.jdbc.TestDatabases;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A COMMIT that fails leaves its outcome unknown. The store must find out by re-reading, and must neither repeat a
 * batch that was written nor drop one that was not.
 */
class CommitSettlementTest {
    /** What the next COMMIT does. */
    private enum Fault { NONE, WRITTEN_BUT_LOST, NOT_WRITTEN, WRITTEN_THEN_DOWN }

    private final AtomicReference<Fault> nextCommit = new AtomicReference<>(Fault.NONE);
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private ConnectionPool pool;
    private Runnable cleanup = () -> { };
    private SqlStore store;

    static Stream<String> databases() {
        return Stream.of("h2", "postgres");
    }

    private void open(String database) {
        DataSource raw;
        Dialect dialect;
        String schema = null;
        if (database.equals("h2")) {
            raw = H2Databases.memoryDataSource("settle_" + UUID.randomUUID().toString().replace("-", ""));
            dialect = Dialect.H2;
            Connection keeper = connect(raw); // keeps the in-memory database alive while the test runs
            cleanup = () -> closeQuietly(keeper);
        } else {
            schema = TestDatabases.createSchema();
            ConnectionPool pg = TestDatabases.postgresDataSource(schema);
            String created = schema;
            raw = pg;
            dialect = Dialect.POSTGRES;
            cleanup = () -> {
                pg.close();
                TestDatabases.dropSchema(created);
            };
        }
        pool = new ConnectionPool(faulty(raw), 4, Duration.ofSeconds(5));
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
    void aCreateWhoseAcknowledgementIsLostIsSettledAsCommitted(String database) {
        open(database);
        nextCommit.set(Fault.WRITTEN_BUT_LOST);
        String runId = UUID.randomUUID().toString();

        assertThat(commit(create(runId, "order-1")).status()).isEqualTo(Status.COMMITTED);

        assertThat(nextCommit.get()).as("the fault fired").isEqualTo(Fault.NONE);
        assertThat(store.findByWorkflowId("order-1").orElseThrow().runId()).isEqualTo(runId);
        assertThat(store.loadHistory(runId, 1)).hasSize(1);
        CommitResult again = commit(create(runId, "order-1"));
        assertThat(again.status()).as("a blind retry would be told the run is its own").isEqualTo(Status.DUPLICATE_ID);
        assertThat(again.existingRunId()).isEqualTo(runId);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anAppendWhoseAcknowledgementIsLostIsNotRepeated(String database) {
        open(database);
        String runId = UUID.randomUUID().toString();
        commit(create(runId, "order-1"));
        nextCommit.set(Fault.WRITTEN_BUT_LOST);

        List<CommitResult> results = store.commit(List.of(append(runId), append("no-such-run")));

        assertThat(results).extracting(CommitResult::status).containsExactly(Status.COMMITTED, Status.CONFLICT);
        assertThat(store.loadHistory(runId, 1)).extracting(HistoryEvent::seq).containsExactly(1L, 2L);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aBatchKnownNotWrittenIsRunAgain(String database) {
        open(database);
        String runId = UUID.randomUUID().toString();
        commit(create(runId, "order-1"));
        nextCommit.set(Fault.NOT_WRITTEN);

        assertThat(commit(append(runId)).status()).isEqualTo(Status.COMMITTED);

        assertThat(nextCommit.get()).isEqualTo(Fault.NONE);
        assertThat(store.loadHistory(runId, 1)).extracting(HistoryEvent::seq).containsExactly(1L, 2L);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anOutcomeThatCannotBeReadBackIsReportedAsUnknown(String database) {
        open(database);
        String runId = UUID.randomUUID().toString();
        commit(create(runId, "order-1"));
        nextCommit.set(Fault.WRITTEN_THEN_DOWN);

        assertThatThrownBy(() -> commit(append(runId))).isInstanceOf(OutcomeUnknownException.class)
                .hasMessageContaining("outcome").hasMessageContaining("unknown");

        databaseDown.set(false);
        assertThat(store.loadHistory(runId, 1)).as("it was in fact written, once").hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFastPathAppendWhoseAcknowledgementIsLostIsNotRepeated(String database) {
        open(database);
        String runId = UUID.randomUUID().toString();
        commit(create(runId, "order-1"));
        nextCommit.set(Fault.WRITTEN_BUT_LOST);
        RunCommit append = appendAt(runId, 2);
        assertThat(FastCommit.takes(append)).isTrue();

        assertThat(commit(append).status()).isEqualTo(Status.COMMITTED);

        assertThat(nextCommit.get()).as("the fault fired").isEqualTo(Fault.NONE);
        assertThat(store.loadHistory(runId, 1)).extracting(HistoryEvent::seq).containsExactly(1L, 2L);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFastPathAppendKnownNotWrittenIsWrittenOnce(String database) {
        open(database);
        String runId = UUID.randomUUID().toString();
        commit(create(runId, "order-1"));
        nextCommit.set(Fault.NOT_WRITTEN);

        assertThat(commit(appendAt(runId, 2)).status()).isEqualTo(Status.COMMITTED);

        assertThat(nextCommit.get()).as("the fault fired").isEqualTo(Fault.NONE);
        assertThat(store.loadHistory(runId, 1)).extracting(HistoryEvent::seq).containsExactly(1L, 2L);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFastPathOutcomeThatCannotBeReadBackIsReportedAsUnknown(String database) {
        open(database);
        String runId = UUID.randomUUID().toString();
        commit(create(runId, "order-1"));
        nextCommit.set(Fault.WRITTEN_THEN_DOWN);

        assertThatThrownBy(() -> commit(appendAt(runId, 2))).isInstanceOf(OutcomeUnknownException.class)
                .hasMessageContaining("outcome").hasMessageContaining("unknown");

        databaseDown.set(false);
        assertThat(store.loadHistory(runId, 1)).as("it was in fact written, once").hasSize(2);
    }

    private CommitResult commit(RunCommit c) {
        return store.commit(List.of(c)).get(0);
    }

    private static RunCommit create(String runId, String workflowId) {
        return RunCommit.builder(runId).create(new NewRun(workflowId, "T", "q", 1)).expectedNextSeq(1)
                .workflowTask(WorkflowTaskChange.SCHEDULE).event(new HistoryEvent(1, "WorkflowStarted", 1, "{}"))
                .token(UUID.randomUUID().getMostSignificantBits()).build();
    }

    /** An append at a known seq, which the fast path takes. */
    private static RunCommit appendAt(String runId, long seq) {
        return RunCommit.builder(runId).expectedNextSeq(seq).event(new HistoryEvent(seq, "Signal", 2, "{}"))
                .token(UUID.randomUUID().getMostSignificantBits()).build();
    }

    private static RunCommit append(String runId) {
        return RunCommit.builder(runId).event(new HistoryEvent(0, "Signal", 2, "{}"))
                .token(UUID.randomUUID().getMostSignificantBits()).build();
    }

    /**
     * A data source whose connections fail their next COMMIT as {@link #nextCommit} says, and fail everything while
     * {@link #databaseDown}.
     */
    private DataSource faulty(DataSource raw) {
        Function<Connection, Connection> wrap = physical -> (Connection) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (databaseDown.get() && !method.getName().equals("close")) {
                        throw new SQLNonTransientConnectionException("database unreachable", "08006");
                    }
                    if (method.getName().equals("commit")) {
                        failCommit(physical::commit, physical::rollback);
                    }
                    Object result = invoke(method, physical, args);
                    if (method.getName().equals("prepareStatement") && physical.getAutoCommit()) {
                        return oneTrip((PreparedStatement) result);
                    }
                    return result;
                });
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        if (databaseDown.get()) {
                            throw new SQLNonTransientConnectionException("database unreachable", "08001");
                        }
                        return wrap.apply(raw.getConnection());
                    }
                    try {
                        return method.invoke(raw, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * A statement on an auto-commit connection, as the PostgreSQL fast path commits: its {@code execute} is the commit
     * point, so it fails as {@link #nextCommit} says.
     */
    private PreparedStatement oneTrip(PreparedStatement physical) {
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("execute") && args == null) {
                        failCommit(physical::execute, () -> { });
                    }
                    return invoke(method, physical, args);
                });
    }

    /** Applies the pending fault to a commit point: {@code commit} makes it durable, {@code abandon} drops it. */
    private void failCommit(SqlAction commit, SqlAction abandon) throws SQLException {
        Fault fault = nextCommit.getAndSet(Fault.NONE);
        if (fault == Fault.WRITTEN_BUT_LOST || fault == Fault.WRITTEN_THEN_DOWN) {
            commit.run();
            databaseDown.set(fault == Fault.WRITTEN_THEN_DOWN);
        } else if (fault == Fault.NOT_WRITTEN) {
            abandon.run();
        }
        if (fault != Fault.NONE) {
            throw new SQLNonTransientConnectionException("connection lost during COMMIT", "08006");
        }
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Connection connect(DataSource ds) {
        try {
            return ds.getConnection();
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
