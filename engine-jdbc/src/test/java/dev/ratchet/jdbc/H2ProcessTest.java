package dev.ratchet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.engine.store.HistoryEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an H2 file promises across processes: acknowledged commits survive kill -9, and one process at a time. */
class H2ProcessTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCommitSurvivesKillMinus9() throws Exception {
        Path db = dir.resolve("durable");
        String runId = UUID.randomUUID().toString();
        Process child = startChild("commit", db.toString(), runId);
        long lastAck = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            // Kill (SIGKILL) while commits stream in, right after an acknowledgement. ProcessHandle's kill leaves the
            // pipe open, so acknowledgements printed just before the kill are still read and counted.
            for (String line; lastAck < 150 && (line = out.readLine()) != null; ) {
                if (line.startsWith("ACK ")) {
                    lastAck = Long.parseLong(line.substring(4));
                }
            }
            child.toHandle().destroyForcibly();
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("ACK ")) {
                    lastAck = Long.parseLong(line.substring(4));
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lastAck).as("the child acknowledged commits before it was killed").isGreaterThanOrEqualTo(150);

        try (JdbcStore store = TestDatabases.h2File(db)) {
            List<HistoryEvent> history = store.loadHistory(runId, 1);
            assertThat(history.size()).as("events on disk after kill -9 vs. acknowledged").isGreaterThanOrEqualTo(
                    (int) lastAck);
            assertThat(history.subList(0, (int) lastAck)).extracting(HistoryEvent::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, lastAck).boxed().toList());
        }
    }

    @Test
    void aSecondProcessGetsAClearErrorPointingToPostgres() throws Exception {
        Path db = dir.resolve("owned");
        try (JdbcStore owner = TestDatabases.h2File(db)) {
            Process child = startChild("open", db.toString());
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(output).startsWith("ERROR dev.ratchet.api.StoreException")
                    .contains("in use by another process").contains("one JVM").contains("JdbcStore.postgres")
                    .contains(db + ".mv.db");
        }
        Process child = startChild("open", db.toString());
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("free again once the owner closed it").startsWith("OPENED");
    }

    private static Process startChild(String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), H2ChildProcess.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
