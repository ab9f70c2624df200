package dev.ratchet.jdbc.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.engine.store.ActivityTask;
import dev.ratchet.engine.store.RunRecord;
import dev.ratchet.jdbc.JdbcStore;
import dev.ratchet.jdbc.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM in the middle of a heartbeating activity and checks, on an H2 file and on PostgreSQL, that the next
 * attempt (in a new JVM) receives exactly the heartbeat details that were recorded before the kill, and finishes.
 */
class HeartbeatCrashTest {
    private static final Duration LINE_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void onAnH2FileTheNextAttemptResumesFromTheLastRecordedHeartbeat() throws Exception {
        Path path = dir.resolve("hb").toAbsolutePath();
        run(List.of("store=h2", "path=" + path), () -> TestDatabases.h2File(path));
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void onPostgresTheNextAttemptResumesFromTheLastRecordedHeartbeat() throws Exception {
        TestDatabases.requirePostgres();
        String schema = TestDatabases.createSchema();
        try {
            run(List.of("store=pg", "schema=" + schema), () -> {
                JdbcStore store = JdbcStore.builder().schema(schema).closeDataSource(true)
                        .postgres(TestDatabases.postgresDataSource(schema));
                store.open();
                return store;
            });
        } finally {
            TestDatabases.dropSchema(schema);
        }
    }

    private interface StoreOpener {
        JdbcStore open();
    }

    private void run(List<String> storeArgs, StoreOpener opener) throws Exception {
        Path logs = Files.createDirectories(Path.of("target", "crash-logs", "heartbeat-" + System.nanoTime()));
        int beatsBeforeKill;
        try (ChildJvm first = ChildJvm.start(HeartbeatWorker.class, 1, List.of(), storeArgs, logs)) {
            first.awaitLine("RESUMED 1 0", LINE_TIMEOUT);
            // long enough that even coalesced heartbeats (at most one write per 80% of the 2 s timeout) were written
            first.awaitLine("BEAT 200", LINE_TIMEOUT);
            first.kill();
            beatsBeforeKill = lastBeat(first.lines());
        }

        int recorded;
        try (JdbcStore store = opener.open()) {
            RunRecord run = store.findByWorkflowId(HeartbeatWorker.WORKFLOW_ID).orElseThrow();
            ActivityTask task = store.findActivityTask(run.runId(), "1").orElseThrow(() -> new AssertionError(
                    "the interrupted activity task is gone"));
            assertThat(task.heartbeatDetails()).as("details recorded before the kill").isNotNull();
            recorded = Integer.parseInt(task.heartbeatDetails().trim());
        }
        assertThat(recorded).as("recorded details").isBetween(1, beatsBeforeKill);

        try (ChildJvm second = ChildJvm.start(HeartbeatWorker.class, 2, List.of(), storeArgs, logs)) {
            String resumed = second.awaitLine("RESUMED ", LINE_TIMEOUT);
            assertThat(resumed).as("the next attempt starts from the recorded details")
                    .isEqualTo("RESUMED 2 " + recorded);
            assertThat(second.awaitLine("RESULT ", LINE_TIMEOUT)).isEqualTo("RESULT " + recorded);
            assertThat(second.awaitExit(Duration.ofSeconds(60))).contains(0);
            assertThat(second.lines()).as("no item before the recorded one is imported again")
                    .noneMatch(l -> l.startsWith("BEAT ") && Integer.parseInt(l.substring(5)) <= recorded);
        }
    }

    private static int lastBeat(List<String> lines) {
        int last = 0;
        for (String l : lines) {
            if (l.startsWith("BEAT ")) {
                last = Integer.parseInt(l.substring(5));
            }
        }
        return last;
    }
}
