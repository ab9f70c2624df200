package dev.ratchet.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    @Test
    void defaultsRunEverythingOnBothStores() {
        BenchOptions o = BenchOptions.parse();
        assertThat(o.benchmarks()).containsExactly(BenchKind.W1, BenchKind.N1);
        assertThat(o.stores()).containsExactly(StoreKind.H2, StoreKind.POSTGRES);
        assertThat(List.of(o.workflows(), o.warmup(), o.repeats(), o.sequential(), o.poolSize()))
                .containsExactly(2000, 200, 3, 20, 10);
    }

    @Test
    void retriesRunAThousandWorkflowsUnlessToldOtherwise() {
        BenchOptions o = BenchOptions.parse("R1", "H1");
        assertThat(o.benchmarks()).containsExactly(BenchKind.R1, BenchKind.H1);
        assertThat(List.of(o.retryWorkflows(), o.workflows())).containsExactly(1000, 2000);
        assertThat(BenchOptions.parse("r1", "--workflows=300").retryWorkflows()).isEqualTo(300);
    }

    @Test
    void smokeIsSmallAndOnH2() {
        BenchOptions o = BenchOptions.parse("smoke");
        assertThat(o.benchmarks()).containsExactly(BenchKind.W1, BenchKind.N1);
        assertThat(o.stores()).containsExactly(StoreKind.H2);
        assertThat(List.of(o.workflows(), o.repeats(), o.sequential())).containsExactly(50, 1, 5);
    }

    @Test
    void sizesAndStoreAreOverridable() {
        BenchOptions o = BenchOptions.parse("n1", "--store=postgres", "--warmup=5", "--sequential=7", "--pool-size=4");
        assertThat(o.benchmarks()).containsExactly(BenchKind.N1);
        assertThat(o.stores()).containsExactly(StoreKind.POSTGRES);
        assertThat(List.of(o.warmup(), o.sequential(), o.poolSize())).containsExactly(5, 7, 4);
    }

    @Test
    void rejectsUnknownArgumentsAndOversizedPools() {
        assertThatThrownBy(() -> BenchOptions.parse("W9")).hasMessageContaining("W9");
        assertThatThrownBy(() -> BenchOptions.parse("--stores=h2")).hasMessageContaining("--stores");
        assertThatThrownBy(() -> BenchOptions.parse("--workflows=0")).hasMessageContaining("--workflows");
        assertThatThrownBy(() -> BenchOptions.parse("--pool-size=11")).hasMessageContaining("1..10");
    }
}
