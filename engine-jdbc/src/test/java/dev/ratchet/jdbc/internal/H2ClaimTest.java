package dev.ratchet.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.engine.store.ActivityTask;
import dev.ratchet.engine.store.ActivityTimeouts;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.NewActivityTask;
import dev.ratchet.engine.store.NewRun;
import dev.ratchet.engine.store.RunCommit;
import dev.ratchet.jdbc.JdbcStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The H2 claim path on its own. H2 honours {@code FOR UPDATE SKIP LOCKED ... FETCH FIRST n} only when it reads the
 * primary key in order; otherwise it locks every matching row and other claimers find nothing or wait.
 */
class H2ClaimTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final int TASKS = 500;

    private final String name = "claims_" + UUID.randomUUID().toString().replace("-", "");
    private JdbcStore store;

    @BeforeEach
    void fill() {
        store = JdbcStore.h2InMemory(name);
        store.open();
        for (int r = 0; r < 5; r++) {
            String runId = "run-" + r;
            List<NewActivityTask> tasks = new ArrayList<>();
            for (int i = 0; i < TASKS / 5; i++) {
                tasks.add(new NewActivityTask(runId, "wf-" + r, "a" + i, "t", "q", "[]", "{}", NOW, NOW,
                        ActivityTimeouts.NONE, null, 0));
            }
            RunCommit commit = RunCommit.builder(runId).create(new NewRun("wf-" + r, "T", "q", NOW)).expectedNextSeq(1)
                    .event(new HistoryEvent(1, "WorkflowStarted", NOW, "{}")).activityTasks(tasks).token(r).build();
            assertThat(store.commit(List.of(commit)).get(0).isCommitted()).isTrue();
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void claimQueriesReadThePrimaryKeyInOrder() throws SQLException {
        Claims claims = new Claims(null, new Tables(null, JdbcStore.DEFAULT_TABLE_PREFIX), Dialect.H2);
        try (Connection c = raw()) {
            for (Map.Entry<String, Integer> query : Map.of(claims.activityTaskCandidates(1), 1,
                    claims.activityTaskCandidates(3), 4, claims.workflowTaskCandidates(1), 1,
                    claims.workflowTaskCandidates(2), 2).entrySet()) {
                String sql = query.getKey();
                String plan = explain(c, sql, query.getValue());
                assertThat(plan).as(sql).contains("PRIMARY_KEY").contains("index sorted");
            }
        }
    }

    @Test
    void aClaimSkipsRowsLockedByAnotherTransaction() throws SQLException {
        Claims claims = new Claims(null, new Tables(null, JdbcStore.DEFAULT_TABLE_PREFIX), Dialect.H2);
        try (Connection c = raw()) {
            c.setAutoCommit(false);
            Set<String> held = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(claims.activityTaskCandidates(1))) {
                ps.setString(1, "q");
                ps.setLong(2, NOW);
                ps.setLong(3, NOW);
                ps.setInt(4, 10);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        held.add(rs.getString(2) + "/" + rs.getString(4));
                    }
                }
            }
            assertThat(held).hasSize(10);

            long start = System.nanoTime();
            List<ActivityTask> claimed = store.claimActivityTasks(List.of("q"), "w", 5, Duration.ofMinutes(1), NOW);
            assertThat(claimed).hasSize(5);
            assertThat(claimed).noneMatch(t -> held.contains(t.runId() + "/" + t.activityId()));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no lock wait").isLessThan(
                    Duration.ofSeconds(5));
            c.rollback();
        }
    }

    @Test
    void eightClaimersShareFiveHundredTasksExactlyOnceWithoutStarving() throws Exception {
        int threads = 8;
        Map<String, String> owners = new ConcurrentHashMap<>();
        List<String> duplicates = new ArrayList<>();
        AtomicInteger[] perThread = new AtomicInteger[threads];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int worker = t;
                perThread[t] = new AtomicInteger();
                done.add(pool.submit(() -> {
                    go.await();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (owners.size() < TASKS && System.nanoTime() < deadline) {
                        for (ActivityTask task : store.claimActivityTasks(List.of("q"), "w" + worker, 3,
                                Duration.ofMinutes(1), NOW)) {
                            if (owners.putIfAbsent(task.runId() + "/" + task.activityId(), "w" + worker) != null) {
                                synchronized (duplicates) {
                                    duplicates.add(task.activityId());
                                }
                            }
                            perThread[worker].incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(90, TimeUnit.SECONDS); // rethrows any StoreException, e.g. a lock timeout
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(duplicates).isEmpty();
        assertThat(owners).hasSize(TASKS);
        for (int t = 0; t < threads; t++) {
            assertThat(perThread[t].get()).as("tasks claimed by claimer %d", t).isPositive();
        }
    }

    private Connection raw() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:mem:" + name, "sa", "");
    }

    /** The plan of a claim query whose first {@code queues} parameters are queues, the last the limit, the rest NOW. */
    private static String explain(Connection c, String sql, int queues) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
            int count = ps.getParameterMetaData().getParameterCount();
            for (int i = 1; i <= count; i++) {
                ps.setObject(i, i == count ? 10 : i <= queues ? "q" : NOW);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
