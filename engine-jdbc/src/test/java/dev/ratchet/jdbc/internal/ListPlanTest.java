package dev.ratchet.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.NewRun;
import dev.ratchet.engine.store.RunCommit;
import dev.ratchet.engine.store.RunQuery;
import dev.ratchet.engine.store.RunStatus;
import dev.ratchet.engine.store.VersionMarker;
import dev.ratchet.jdbc.JdbcStore;
import dev.ratchet.jdbc.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Lists and version counts are answered from indexes (schema version 5), not by scanning the runs table or reading
 * histories: checked on the plans H2 and PostgreSQL choose for the statements the store runs.
 */
class ListPlanTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final int RUNS = 400;

    private static final List<RunQuery> QUERIES = List.of(
            RunQuery.first(RunStatus.RUNNING, null, 11),
            RunQuery.first(RunStatus.COMPLETED, "Type-3", 11),
            RunQuery.first(null, "Type-3", 11).createdBetween(NOW + 10, NOW + 300),
            RunQuery.first(null, null, 11),
            new RunQuery(RunStatus.RUNNING, null, NOW + 200, "run-200", 11).createdBetween(NOW + 50, NOW + 390));

    private static void fill(JdbcStore store) {
        List<RunCommit> batch = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            String runId = "run-" + i;
            RunCommit.Builder c = RunCommit.builder(runId)
                    .create(new NewRun("wf-" + i, "Type-" + (i % 7), "q", NOW + i)).expectedNextSeq(1).event(new HistoryEvent(1, "WorkflowStarted", NOW, "{}")).token(i);
            if (i % 3 == 0) {
                c.versionMarkers(List.of(new VersionMarker("change", i % 2)));
            }
            batch.add(c.build());
        }
        store.commit(batch);
        List<RunCommit> closes = new ArrayList<>();
        for (int i = 0; i < RUNS; i += 2) {
            closes.add(RunCommit.builder("run-" + i).event(new HistoryEvent(0, "WorkflowCompleted", NOW, "{}"))
                    .newStatus(RunStatus.COMPLETED).closedAt(NOW + RUNS).token(1000 + i).build());
        }
        store.commit(closes);
    }

    @Test
    void h2ListsFromTheRunIndexes() throws SQLException {
        String name = "plans_" + UUID.randomUUID().toString().replace("-", "");
        try (JdbcStore store = JdbcStore.h2InMemory(name);
                Connection c = DriverManager.getConnection("jdbc:h2:mem:" + name, "sa", "")) {
            store.open();
            fill(store);
            Tables t = new Tables(null, "ratchet_");
            for (RunQuery q : QUERIES) {
                Reads.Statement s = Reads.listRunsStatement(t.runs, q);
                String plan = explain(c, "EXPLAIN " + s.sql(), s.params());
                assertThat(plan).as("plan of %s", q).contains(q.workflowType() != null
                        ? "ratchet_runs_type_status_created_idx" : "ratchet_runs_status_created_idx")
                        .doesNotContain("tableScan");
                assertThat(sortedBranches(plan)).as("each range read in index order: %s", plan)
                        .isEqualTo(q.status() == null ? RunStatus.values().length : 1);
            }
            String count = explain(c, "EXPLAIN " + countStatement(t), List.of("change", "Type-3"));
            assertThat(count).contains("ratchet_runs_type_status_created_idx").doesNotContain("tableScan");
            assertThat(store.countOpenRunsByVersion("Type-3", "change").withoutMarker()
                    + store.countOpenRunsByVersion("Type-3", "change").byVersion().values().stream()
                            .mapToLong(Long::longValue).sum()).isEqualTo(RUNS / 7 / 2 + 1);
        }
    }

    @Test
    void postgresListsFromTheRunIndexes() throws SQLException {
        TestDatabases.requirePostgres();
        String schema = TestDatabases.createSchema();
        try (ConnectionPool ds = TestDatabases.postgresDataSource(schema);
                JdbcStore store = JdbcStore.builder().schema(schema).postgres(ds);
                Connection c = TestDatabases.connectPostgres()) {
            store.open();
            fill(store);
            Tables t = new Tables(schema, "ratchet_");
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE " + t.runs);
                s.execute("ANALYZE " + t.runVersions);
                // a table this small would be read whole, or through a bitmap and sorted, otherwise
                s.execute("SET enable_seqscan = off");
                s.execute("SET enable_bitmapscan = off");
                s.execute("SET enable_sort = off");
            }
            for (RunQuery q : QUERIES) {
                Reads.Statement s = Reads.listRunsStatement(t.runs, q);
                String plan = explain(c, "EXPLAIN " + s.sql(), s.params());
                assertThat(plan).as("plan of %s", q).contains(q.workflowType() != null
                        ? "ratchet_runs_type_status_created_idx" : "ratchet_runs_status_created_idx")
                        .doesNotContain("Seq Scan");
                // each branch is a limited index scan in index order: no sort below a branch's limit
                assertThat(plan.lines().filter(l -> l.contains("Index Scan") || l.contains("Index Only Scan"))
                        .count()).as(plan).isEqualTo(q.status() == null ? RunStatus.values().length : 1);
                assertThat(plan.lines().filter(l -> l.contains("Sort")).count()).as(plan)
                        .isLessThanOrEqualTo(q.status() == null ? 1 : 0);
            }
            String count = explain(c, "EXPLAIN " + countStatement(t), List.of("change", "Type-3"));
            assertThat(count).contains("ratchet_runs_type_status_created_idx").doesNotContain("Seq Scan");
        } finally {
            TestDatabases.dropSchema(schema);
        }
    }

    private static String countStatement(Tables t) {
        return "SELECT v.version, COUNT(*) FROM " + t.runs + " r LEFT JOIN " + t.runVersions
                + " v ON v.run_id = r.run_id AND v.change_id = ? WHERE r.workflow_type = ?"
                + " AND r.status IN ('RUNNING', 'PARKED') GROUP BY v.version";
    }

    /** H2 marks a read whose order needs no sort with "index sorted". */
    private static long sortedBranches(String plan) {
        int n = 0;
        for (int i = plan.indexOf("index sorted"); i >= 0; i = plan.indexOf("index sorted", i + 1)) {
            n++;
        }
        return n;
    }

    private static String explain(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
