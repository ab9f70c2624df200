package dev.ratchet.examples.versioning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.api.NonDeterminismException;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.examples.support.ExampleStore;
import dev.ratchet.examples.versioning.RenewalVersions.Billing;
import dev.ratchet.examples.versioning.RenewalVersions.PrintingBilling;
import dev.ratchet.examples.versioning.RenewalVersions.Renewal;
import dev.ratchet.examples.versioning.RenewalVersions.RenewalV1;
import dev.ratchet.examples.versioning.RenewalVersions.RenewalV2;
import dev.ratchet.testing.Histories;
import dev.ratchet.testing.HistoryReplayer;
import dev.ratchet.testing.TestWorkflowEnvironment;
import dev.ratchet.testing.WorkflowHistory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenewalVersionsTest {
    @Test
    void runsInFlightFinishOnTheOldBranchAndNewRunsTakeTheNewOne(@TempDir Path dir) {
        Map<String, String> results = RenewalVersions.run(ExampleStore.h2(dir));

        assertThat(results).containsExactly(
                Map.entry("renewal-alice", "charged alice 10.00; receipt e-mailed to alice"),
                Map.entry("renewal-bob", "charged bob 10.00; receipt e-mailed to bob"),
                Map.entry("renewal-carol", "charged carol 9.00 (loyalty discount); receipt e-mailed to carol"));
    }

    // replay in CI: begin
    @Test
    void v2ReplaysTheHistoriesRecordedByV1() {
        HistoryReplayer.of(RenewalV2.class)
                .replay(Path.of("src/test/resources/histories/renewal-v1.json"))   // exported from a v1 run
                .assertAllReplay();
    }
    // replay in CI: end

    @Test
    void theReplayerCatchesTheSameChangeWithoutGetVersion() {
        List<WorkflowHistory> v1 = Histories.read(Path.of("src/test/resources/histories/renewal-v1.json"));

        HistoryReplayer.Report report = HistoryReplayer.of(Unguarded.class).replay(v1);

        assertThat(report.failures()).hasSize(v1.size()).allSatisfy(f -> {
            assertThat(f.error()).isInstanceOf(NonDeterminismException.class);
            assertThat(f.error().getMessage()).contains("charge").contains("chargeDiscounted");
        });
        System.out.println(report);
    }

    @Test
    void aFreshlyRecordedV1HistoryReplaysOnV2() {
        // export: begin
        WorkflowHistory recorded;
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.builder().workflows(RenewalV1.class)
                .activities(new PrintingBilling()).start()) {
            Renewal renewal = env.client().newWorkflow(Renewal.class, "renewal-dave");
            WorkflowHandle<String> handle = env.client().start(renewal::renew, "dave");
            renewal.confirm();
            assertThat(handle.result(Duration.ofSeconds(10))).isEqualTo("charged dave 10.00; receipt e-mailed to dave");
            recorded = Histories.export(env.store(), "renewal-dave");
        }
        assertThat(HistoryReplayer.of(RenewalV2.class).replay(List.of(recorded)).allOk()).isTrue();
        assertThat(HistoryReplayer.of(Unguarded.class).replay(List.of(recorded)).allOk()).isFalse();
        // export: end
    }

    /** v2 as it would be written without getVersion: old histories no longer replay. */
    public static class Unguarded implements Renewal {
        private final Billing billing = Workflow.activities(Billing.class,
                dev.ratchet.api.ActivityOptions.of(Duration.ofSeconds(10)));
        private boolean confirmed;

        @Override
        public String renew(String customer) {
            String charged = billing.chargeDiscounted(customer);
            Workflow.await(() -> confirmed);
            return charged + "; " + billing.email(customer);
        }

        @Override
        public void confirm() {
            confirmed = true;
        }

        @Override
        public String stage() {
            return "";
        }
    }
}
