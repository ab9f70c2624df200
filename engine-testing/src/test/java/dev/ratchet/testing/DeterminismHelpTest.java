package dev.ratchet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.api.WorkflowDescription;
import dev.ratchet.api.WorkflowStatus;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeterminismHelpTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|Thread.sleep|Workflow.sleep(Duration)",
        "1|Thread.join on a thread the workflow started|Workflow.async",
        "2|Object.wait|Workflow.await"})
    void parksAWorkflowThatBlocksOutsideTheRuntimeNamingTheCallAndTheAlternative(int mode, String call,
            String alternative) {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.builder().deadlockTimeout(Duration.ofMillis(300))
                .workflows(Fixtures.SleepyImpl.class).start()) {
            env.client().start(env.client().newWorkflow(Fixtures.Sleepy.class, "sleepy")::run, mode);
            WorkflowDescription d = awaitParked(env);
            assertThat(d.parkedError()).contains(call).contains(alternative).contains("SleepyImpl.run");
        }
    }

    private static WorkflowDescription awaitParked(TestWorkflowEnvironment env) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        WorkflowDescription d = env.client().describe("sleepy");
        while (d.status() != WorkflowStatus.PARKED && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            d = env.client().describe("sleepy");
        }
        assertThat(d.status()).as("status of %s", d).isEqualTo(WorkflowStatus.PARKED);
        return d;
    }
}
