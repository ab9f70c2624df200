package dev.ratchet.examples.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.api.WorkflowDescription;
import dev.ratchet.api.WorkflowStatus;
import dev.ratchet.examples.fanout.BatchProcessing.DigitScoring;
import dev.ratchet.examples.fanout.BatchProcessing.Outcome;
import dev.ratchet.examples.fanout.BatchProcessing.Summary;
import dev.ratchet.examples.support.ExampleStore;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchProcessingTest {
    /** The batch's aggregate, computed here without the engine. */
    static final Summary EXPECTED = new Summary(BatchProcessing.ITEMS,
            IntStream.rangeClosed(1, BatchProcessing.ITEMS).map(BatchProcessingTest::digitScore).asLongStream().sum(),
            IntStream.rangeClosed(1, BatchProcessing.ITEMS).map(BatchProcessingTest::digitScore).max().orElseThrow());

    private static int digitScore(int item) {
        return 10 * String.valueOf(item).chars().map(c -> c - '0').sum();
    }

    @Test
    void childWorkflowsScoreEveryItemOnceAndTheParentAggregates(@TempDir Path dir) {
        DigitScoring scoring = new DigitScoring();
        Outcome outcome = BatchProcessing.run(ExampleStore.h2(dir), scoring);
        check(outcome, scoring);
    }

    /** The exact aggregate, one activity per item, one completed child per chunk. Shared with the PostgreSQL run. */
    static void check(Outcome outcome, DigitScoring scoring) {
        assertThat(EXPECTED).isEqualTo(new Summary(1000, 135_010, 270));
        assertThat(outcome.summary()).isEqualTo(EXPECTED);
        assertThat(scoring.calls).hasValue(BatchProcessing.ITEMS);
        int children = BatchProcessing.ITEMS / BatchProcessing.CHUNK;
        assertThat(outcome.chunks()).hasSize(children)
                .allSatisfy(c -> assertThat(c.status()).isEqualTo(WorkflowStatus.COMPLETED))
                .extracting(WorkflowDescription::workflowId)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, children)
                        .mapToObj(i -> "batch-1/items-" + (1 + i * BatchProcessing.CHUNK)).toList());
    }
}
