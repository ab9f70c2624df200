package dev.ratchet.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.api.ActivityInterface;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.NonDeterminismException;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayerTest {
    @ActivityInterface
    public interface Shipping {
        String pack(String order);

        String ship(String order);
    }

    public static final class FakeShipping implements Shipping {
        @Override
        public String pack(String order) {
            return "packed " + order;
        }

        @Override
        public String ship(String order) {
            return "shipped " + order;
        }
    }

    @WorkflowInterface(name = "Fulfil")
    public interface Fulfil {
        @WorkflowMethod
        String run(String order);
    }

    private static Shipping shipping() {
        return Workflow.activities(Shipping.class, ActivityOptions.of(Duration.ofSeconds(10)));
    }

    /** The deployed version whose history is recorded. */
    public static final class V1 implements Fulfil {
        private final Shipping shipping = shipping();

        @Override
        public String run(String order) {
            String a = shipping.pack(order);
            Workflow.sleep(Duration.ofDays(1));
            return a + ", " + shipping.ship(order);
        }
    }

    /** An incompatible change: the activities swapped. */
    public static final class Swapped implements Fulfil {
        private final Shipping shipping = shipping();

        @Override
        public String run(String order) {
            String b = shipping.ship(order);
            Workflow.sleep(Duration.ofDays(1));
            return shipping.pack(order) + ", " + b;
        }
    }

    /** The same change guarded by getVersion: old histories keep the old order. */
    public static final class Guarded implements Fulfil {
        private final Shipping shipping = shipping();

        @Override
        public String run(String order) {
            if (Workflow.getVersion("ship-first", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
                String a = shipping.pack(order);
                Workflow.sleep(Duration.ofDays(1));
                return a + ", " + shipping.ship(order);
            }
            String b = shipping.ship(order);
            Workflow.sleep(Duration.ofDays(1));
            return shipping.pack(order) + ", " + b;
        }
    }

    private static WorkflowHistory recorded;

    @BeforeAll
    static void recordARealHistory() {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.builder().workflows(V1.class)
                .activities(new FakeShipping()).start()) {
            assertThat(env.client().newWorkflow(Fulfil.class, "order-1").run("o1")).isEqualTo("packed o1, shipped o1");
            recorded = Histories.export(env.store(), "order-1");
        }
    }

    @Test
    void theRecordingCodeReplaysItsHistoryAfterAJsonRoundTrip(@TempDir Path dir) {
        Path file = dir.resolve("histories.json");
        Histories.write(file, List.of(recorded));
        List<WorkflowHistory> read = Histories.read(file);
        assertThat(read).containsExactly(recorded);
        HistoryReplayer.Report report = HistoryReplayer.of(V1.class).replay(file);
        assertThat(report.allOk()).as(report.toString()).isTrue();
        report.assertAllReplay();
    }

    @Test
    void catchesAnIncompatibleChangeWithPositionEventAndCommand() {
        HistoryReplayer.Report report = HistoryReplayer.of(Swapped.class).replay(List.of(recorded));
        assertThat(report.allOk()).isFalse();
        HistoryReplayer.Result r = report.failures().get(0);
        assertThat(r.error()).isInstanceOf(NonDeterminismException.class);
        assertThat(r.position()).isPositive();
        assertThat(r.error().getMessage()).contains("order-1").contains("pack").contains("ship");
        assertThatThrownBy(report::assertAllReplay).isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 of 1 histories do not replay");
    }

    @Test
    void passesAGetVersionGuardedChange() {
        HistoryReplayer.Report report = HistoryReplayer.of(Guarded.class).replay(List.of(recorded));
        assertThat(report.allOk()).as(report.toString()).isTrue();
    }

    @Test
    void rejectsBadInputClearly() {
        assertThatThrownBy(() -> Histories.fromJson("{\"workflowId\": \"x\"}"))
                .isInstanceOf(dev.ratchet.api.InvalidArgumentException.class).hasMessageContaining("events array");
        assertThatThrownBy(() -> Histories.fromJson("not json"))
                .isInstanceOf(dev.ratchet.api.InvalidArgumentException.class).hasMessageContaining("not valid JSON");
    }
}
