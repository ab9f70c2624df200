package dev.ratchet.examples.resumable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.examples.support.ExampleStore;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FileImportTest {
    @Test
    @Timeout(120)
    void theImportResumesFromItsLastHeartbeatAfterTheJvmIsKilled(@TempDir Path dir) throws Exception {
        FileImport.Outcome outcome = FileImport.run(ExampleStore.h2(dir));

        assertThat(outcome.result()).isEqualTo("imported 400 lines");
        assertThat(outcome.resumedAfter()).as("resumed from recorded progress, not from line 1")
                .isPositive().isLessThanOrEqualTo(FileImport.KILL_AFTER + 1);
        assertThat(outcome.writes().stream().map(w -> Integer.parseInt(w.split(" ")[0])).distinct())
                .as("every line imported").containsExactlyInAnyOrderElementsOf(
                        IntStream.rangeClosed(1, 400).boxed().toList());
        assertThat(outcome.writes()).filteredOn(w -> w.contains(" JVM 2 ")).as("JVM 2 starts where JVM 1 left off")
                .allMatch(w -> Integer.parseInt(w.split(" ")[0]) > outcome.resumedAfter());
    }
}
