package dev.ratchet.examples.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.examples.fanout.BatchProcessing.DigitScoring;
import dev.ratchet.examples.fanout.BatchProcessing.Summary;
import dev.ratchet.examples.support.ExampleStore;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchProcessingTest {
    @Test
    void everyItemIsScoredOnceAndTheScoresAreAggregated(@TempDir Path dir) {
        DigitScoring scoring = new DigitScoring();
        Summary summary = BatchProcessing.run(ExampleStore.h2(dir), scoring);

        long expectedTotal = IntStream.rangeClosed(1, 1000)
                .map(i -> 10 * String.valueOf(i).chars().map(c -> c - '0').sum()).asLongStream().sum();
        assertThat(summary).isEqualTo(new Summary(1000, expectedTotal, 270));
        assertThat(scoring.calls).hasValue(1000);
    }
}
