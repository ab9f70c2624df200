package dev.ratchet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.api.StoreException;
import dev.ratchet.engine.store.ActivityTask;
import dev.ratchet.engine.store.HeartbeatResult;
import dev.ratchet.jdbc.internal.ConnectionPool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Schema creation and upgrades: idempotent, safe when engines start together, and refusing unknown versions. */
class MigrationsTest {
    @Test
    void openingTwiceAndFromASecondStoreIsANoOp() throws SQLException {
        String name = "mig_" + UUID.randomUUID().toString().replace("-", "");
        try (JdbcStore first = JdbcStore.h2InMemory(name); JdbcStore second = JdbcStore.h2InMemory(name)) {
            first.open();
            first.open();
            second.open();
            try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + name, "sa", "")) {
                assertThat(versions(c, "\"ratchet_schema_version\"")).containsExactly(1, 2, 3, 4, 5, 6);
            }
        }
    }

    @Test
    void enginesStartingTogetherOnAFreshPostgresSchemaAllSucceed() throws Exception {
        TestDatabases.requirePostgres();
        // Not created beforehand: the first migration creates the schema too.
        String schema = "rt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        int engines = 4;
        List<ConnectionPool> pools = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(engines);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<JdbcStore>> opened = new ArrayList<>();
            for (int i = 0; i < engines; i++) {
                ConnectionPool ds = TestDatabases.postgresDataSource(null);
                pools.add(ds);
                opened.add(pool.submit(() -> {
                    JdbcStore store = JdbcStore.builder().schema(schema).postgres(ds);
                    go.await();
                    store.open();
                    return store;
                }));
            }
            go.countDown();
            for (Future<JdbcStore> f : opened) {
                f.get(60, TimeUnit.SECONDS).close();
            }
            try (Connection c = pools.get(0).getConnection()) {
                assertThat(versions(c, "\"" + schema + "\".\"ratchet_schema_version\"")).containsExactly(1, 2, 3, 4, 5, 6);
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM"
                        + " information_schema.tables WHERE table_schema = '" + schema + "'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("tables in the schema").isEqualTo(9);
                }
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM"
                        + " information_schema.triggers WHERE trigger_schema = '" + schema + "'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("work-hint triggers (version 3)").isEqualTo(4);
                }
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT reloptions FROM pg_class"
                        + " WHERE oid = '\"" + schema + "\".\"ratchet_runs\"'::regclass")) {
                    rs.next();
                    assertThat(rs.getString(1)).as("runs pages keep room for HOT updates (version 6)")
                            .contains("fillfactor=50");
                }
            }
        } finally {
            pool.shutdownNow();
            pools.forEach(ConnectionPool::close);
            TestDatabases.dropSchema(schema);
        }
    }

    @Test
    void aSchemaFromANewerRatchetIsRefused() throws SQLException {
        String name = "mig_" + UUID.randomUUID().toString().replace("-", "");
        try (JdbcStore first = JdbcStore.builder().tablePrefix("app_").h2InMemory(name)) {
            first.open();
            try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + name, "sa", "");
                    Statement s = c.createStatement()) {
                s.execute("INSERT INTO \"app_schema_version\" VALUES (99, 0)");
            }
            JdbcStore newer = JdbcStore.builder().tablePrefix("app_").h2InMemory(name);
            assertThatThrownBy(newer::open).isInstanceOf(StoreException.class)
                    .hasMessageContaining("schema version 99").hasMessageContaining("upgrade Ratchet");
            newer.close();
        }
    }

    @Test
    void tablesGoIntoTheConfiguredSchemaWithTheConfiguredPrefix() throws SQLException {
        TestDatabases.requirePostgres();
        String schema = TestDatabases.createSchema();
        try (ConnectionPool ds = TestDatabases.postgresDataSource(null);
                JdbcStore store = JdbcStore.builder().schema(schema).tablePrefix("wf_").postgres(ds)) {
            store.open();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                            + " WHERE table_schema = '" + schema + "' ORDER BY table_name")) {
                List<String> tables = new ArrayList<>();
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
                assertThat(tables).containsExactly("wf_activity_tasks", "wf_events", "wf_requests",
                        "wf_run_versions", "wf_runs", "wf_schema_version", "wf_timers", "wf_workflow_ids",
                        "wf_workflow_tasks");
            }
        } finally {
            TestDatabases.dropSchema(schema);
        }
    }

    /** Version 4 adds the activity columns to a version-1 table, keeping its rows usable. */
    @Test
    void versionFourUpgradesActivityTasksOfEarlierVersions() throws SQLException {
        String name = "mig_" + UUID.randomUUID().toString().replace("-", "");
        try (JdbcStore store = JdbcStore.h2InMemory(name);
                Connection c = DriverManager.getConnection("jdbc:h2:mem:" + name, "sa", "")) {
            store.open();
            try (Statement s = c.createStatement()) {
                // Back to version 3: without the version-4 columns, with a claimed task written before them.
                s.execute("DROP INDEX \"ratchet_activity_tasks_deadline_idx\"");
                for (String column : List.of("scheduled_at", "started_at", "heartbeat_at", "heartbeat_details",
                        "schedule_to_close_at", "schedule_to_start_ms", "start_to_close_ms", "heartbeat_ms",
                        "deadline_at", "cancel_requested", "detached")) {
                    s.execute("ALTER TABLE \"ratchet_activity_tasks\" DROP COLUMN " + column);
                }
                s.execute("DELETE FROM \"ratchet_schema_version\" WHERE version >= 4");
                s.execute("INSERT INTO \"ratchet_activity_tasks\" (run_id, workflow_id, activity_id, activity_type,"
                        + " task_queue, attempt, available_at, lease_owner, lease_expires_at, fence)"
                        + " VALUES ('r', 'w', 'a1', 't', 'q', 1, 1000, 'old-engine', 0, 1)");
            }
            try (JdbcStore upgraded = JdbcStore.h2InMemory(name)) {
                upgraded.open();
                assertThat(versions(c, "\"ratchet_schema_version\"")).containsExactly(1, 2, 3, 4, 5, 6);
                ActivityTask task = upgraded.findActivityTask("r", "a1").orElseThrow();
                assertThat(task.scheduledAt()).isEqualTo(1000);
                assertThat(task.startedAt()).isEqualTo(1000);
                assertThat(upgraded.nextActivityDeadline()).isEmpty();
                assertThat(upgraded.heartbeatActivity("r", "a1", 1, "{}", 2000)).isEqualTo(HeartbeatResult.ACCEPTED);
            }
        }
    }

    /** Version 5 rewrites the statuses of runs closed before it from their closing events. */
    @Test
    void versionFiveRewritesTheStatusesOfRunsClosedBeforeIt() throws SQLException {
        String name = "mig_" + UUID.randomUUID().toString().replace("-", "");
        try (JdbcStore store = JdbcStore.h2InMemory(name);
                Connection c = DriverManager.getConnection("jdbc:h2:mem:" + name, "sa", "")) {
            store.open();
            try (Statement s = c.createStatement()) {
                // Back to version 4, with runs closed as version 4 stored them: COMPLETED or FAILED
                s.execute("DELETE FROM \"ratchet_schema_version\" WHERE version >= 5");
                s.execute("ALTER TABLE \"ratchet_runs\" DROP COLUMN replaces_run_id");
                String[][] runs = {
                    {"r-done", "COMPLETED", "WorkflowCompleted", "{\"result\":1}"},
                    {"r-cont", "COMPLETED", "WorkflowContinuedAsNew", "{\"newRunId\":\"r-next\",\"input\":[]}"},
                    {"r-fail", "FAILED", "WorkflowFailed", "{\"failure\":{\"kind\":\"application\"}}"},
                    {"r-cancel", "FAILED", "WorkflowFailed", "{\"failure\":{\"kind\":\"canceled\",\"message\":\"x\"}}"},
                    {"r-term", "FAILED", "WorkflowTerminated", "{\"reason\":\"r\",\"failure\":{\"kind\":\"terminated\"}}"},
                    {"r-open", "RUNNING", "WorkflowTaskCompleted", "{}"}};
                for (String[] r : runs) {
                    s.execute("INSERT INTO \"ratchet_runs\" (run_id, workflow_id, workflow_type, task_queue, status,"
                            + " next_seq, last_task_fence, created_at) VALUES ('" + r[0] + "', 'w-" + r[0] + "', 'T',"
                            + " 'q', '" + r[1] + "', 3, 0, 1)");
                    s.execute("INSERT INTO \"ratchet_events\" (run_id, seq, event_type, event_time, attributes)"
                            + " VALUES ('" + r[0] + "', 1, 'WorkflowStarted', 1, '{}')");
                    s.execute("INSERT INTO \"ratchet_events\" (run_id, seq, event_type, event_time, attributes)"
                            + " VALUES ('" + r[0] + "', 2, '" + r[2] + "', 2, '" + r[3] + "')");
                }
            }
            try (JdbcStore upgraded = JdbcStore.h2InMemory(name)) {
                upgraded.open();
                assertThat(versions(c, "\"ratchet_schema_version\"")).containsExactly(1, 2, 3, 4, 5, 6);
                java.util.Map<String, String> expected = java.util.Map.of("r-done", "COMPLETED", "r-cont",
                        "CONTINUED_AS_NEW", "r-fail", "FAILED", "r-cancel", "CANCELED", "r-term", "TERMINATED",
                        "r-open", "RUNNING");
                expected.forEach((run, status) -> assertThat(upgraded.findRun(run).orElseThrow().status().name())
                        .as(run).isEqualTo(status));
                assertThat(upgraded.findRun("r-cont").orElseThrow().replacesRunId()).isNull();
            }
        }
    }

    /** Version 5 records the version markers of the runs open when it is applied, from their histories. */
    @Test
    void versionFiveRecordsTheVersionMarkersOfOpenRuns() throws SQLException {
        String name = "mig_" + UUID.randomUUID().toString().replace("-", "");
        try (JdbcStore store = JdbcStore.h2InMemory(name);
                Connection c = DriverManager.getConnection("jdbc:h2:mem:" + name, "sa", "")) {
            store.open();
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM \"ratchet_schema_version\" WHERE version >= 5");
                s.execute("DROP TABLE \"ratchet_run_versions\"");
                String[][] runs = {{"open-1", "RUNNING"}, {"open-2", "PARKED"}, {"open-3", "RUNNING"},
                    {"closed", "COMPLETED"}};
                for (String[] r : runs) {
                    s.execute("INSERT INTO \"ratchet_runs\" (run_id, workflow_id, workflow_type, task_queue, status,"
                            + " next_seq, last_task_fence, created_at) VALUES ('" + r[0] + "', 'w-" + r[0] + "', 'T',"
                            + " 'q', '" + r[1] + "', 4, 0, 1)");
                    s.execute("INSERT INTO \"ratchet_events\" (run_id, seq, event_type, event_time, attributes)"
                            + " VALUES ('" + r[0] + "', 1, 'WorkflowStarted', 1, '{}')");
                }
                String marker = "INSERT INTO \"ratchet_events\" (run_id, seq, event_type, event_time, attributes)"
                        + " VALUES ('%s', %d, 'MarkerRecorded', 1, '%s')";
                s.execute(marker.formatted("open-1", 2, "{\"marker\":\"Version\",\"id\":\"c1\",\"version\":2}"));
                s.execute(marker.formatted("open-1", 3, "{\"marker\":\"SideEffect\",\"id\":\"x\",\"value\":1}"));
                s.execute(marker.formatted("open-2", 2, "{\"marker\":\"Version\",\"id\":\"c1\",\"version\":1}"));
                s.execute(marker.formatted("closed", 2, "{\"marker\":\"Version\",\"id\":\"c1\",\"version\":2}"));
            }
            try (JdbcStore upgraded = JdbcStore.h2InMemory(name)) {
                upgraded.open();
                assertThat(versions(c, "\"ratchet_schema_version\"")).containsExactly(1, 2, 3, 4, 5, 6);
                dev.ratchet.engine.store.VersionCounts counts = upgraded.countOpenRunsByVersion("T", "c1");
                assertThat(counts.withoutMarker()).isEqualTo(1);
                assertThat(counts.byVersion()).isEqualTo(java.util.Map.of(1, 1L, 2, 1L));
            }
        }
    }

    private static List<Integer> versions(Connection c, String table) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM " + table)) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        }
        return versions;
    }
}
