package dev.ratchet.benchmarks;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void percentilesUseNearestRank() {
        double[] v = {5, 1, 4, 2, 3, 6, 7, 8, 9, 10};
        assertThat(Stats.percentile(v, 50)).isEqualTo(5);
        assertThat(Stats.percentile(v, 90)).isEqualTo(9);
        assertThat(Stats.percentile(v, 99)).isEqualTo(10);
        assertThat(Stats.percentile(new double[] {7}, 1)).isEqualTo(7);
    }

    @Test
    void medianAveragesTheMiddlePairOfAnEvenCount() {
        assertThat(Stats.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Stats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void summarisesRepeats() {
        assertThat(Stats.acrossRepeats(List.of(3.14159, 1.0, 2.5), 2))
                .containsExactly(entry("median", 2.5), entry("min", 1.0),
                        entry("max", 3.14));
    }
}
