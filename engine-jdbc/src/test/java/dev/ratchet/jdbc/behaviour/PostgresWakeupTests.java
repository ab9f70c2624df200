package dev.ratchet.jdbc.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.behaviour.Await;
import dev.ratchet.engine.behaviour.StoreFixture;
import dev.ratchet.engine.behaviour.TestWorkflows;
import dev.ratchet.engine.behaviour.WakeupTests;
import dev.ratchet.jdbc.TestDatabases;
import dev.ratchet.jdbc.internal.PgNotifications;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Runs {@link WakeupTests} on PostgreSQL, where hints travel by LISTEN/NOTIFY between stores (as between JVMs), and
 * checks that a listening connection that was killed comes back.
 */
class PostgresWakeupTests extends WakeupTests {
    private JdbcFixture fixture;

    @Override
    protected StoreFixture newFixture() {
        fixture = JdbcFixture.postgres();
        return fixture;
    }

    @Test
    void hintsFlowAgainAfterTheListeningConnectionIsTerminated() throws SQLException {
        Engine runner = start(slowPolling().workflows(TestWorkflows.OrderImpl.class)
                .activities(new TestWorkflows.StepsImpl()));
        Engine starter = start(slowPolling());
        Await.until(PROMPT, "both engines listening", () -> listeners().size() == 2);
        Set<Integer> killed = listeners();
        try (Connection c = TestDatabases.connectPostgres();
                PreparedStatement s = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
            for (int pid : killed) {
                s.setInt(1, pid);
                s.execute();
            }
        }
        Await.until(PROMPT, "both engines listening again", () -> {
            Set<Integer> now = listeners();
            return now.size() == 2 && now.stream().noneMatch(killed::contains);
        });
        TestWorkflows.Order order = starter.client().newWorkflow(TestWorkflows.Order.class, "after-reconnect");
        WorkflowHandle<String> started = starter.client().start(order::place, "x");
        assertThat(runner.client().handle(started.workflowId(), String.class).result(PROMPT))
                .isEqualTo("RESERVE-X,CHARGE-X,SHIP-X");
    }

    @Test
    void aLoneEngineRunningItsOwnWorkSendsNoNotifications() throws SQLException {
        Engine engine = start(slowPolling().workflows(TestWorkflows.OrderImpl.class)
                .activities(new TestWorkflows.StepsImpl()));
        try (Connection c = TestDatabases.connectPostgres(); Statement s = c.createStatement()) {
            s.execute("LISTEN \"" + fixture.database().name() + ".ratchet_work\"");
            for (int i = 0; i < 5; i++) {
                TestWorkflows.Order order = engine.client().newWorkflow(TestWorkflows.Order.class, "alone-" + i);
                assertThat(engine.client().start(order::place, "x").result(PROMPT))
                        .isEqualTo("RESERVE-X,CHARGE-X,SHIP-X");
            }
            // The notifications of a transaction arrive with its commit, so any would be here by now.
            s.execute("SELECT 1");
            PGNotification[] received = c.unwrap(PGConnection.class).getNotifications(100);
            assertThat(received == null ? 0 : received.length).as("notifications").isZero();
        }
    }

    /** The backend pids of the connections listening on this test's schema. */
    private Set<Integer> listeners() {
        try (Connection c = TestDatabases.connectPostgres();
                PreparedStatement s = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
            s.setString(1, PgNotifications.APPLICATION_NAME + fixture.database().name() + ".ratchet_work");
            Set<Integer> pids = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getInt(1));
                }
            }
            return pids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
