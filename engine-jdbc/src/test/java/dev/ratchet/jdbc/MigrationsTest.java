package dev.ratchet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.api.StoreException;
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
                assertThat(versions(c, "\"ratchet_schema_version\"")).containsExactly(1, 2);
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
                assertThat(versions(c, "\"" + schema + "\".\"ratchet_schema_version\"")).containsExactly(1, 2);
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM"
                        + " information_schema.tables WHERE table_schema = '" + schema + "'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("tables in the schema").isEqualTo(7);
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
                assertThat(tables).containsExactly("wf_activity_tasks", "wf_events", "wf_runs", "wf_schema_version",
                        "wf_timers", "wf_workflow_ids", "wf_workflow_tasks");
            }
        } finally {
            TestDatabases.dropSchema(schema);
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
