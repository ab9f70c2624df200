package dev.ratchet.benchmarks;

import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;

/** The R1 workflow: one activity that fails twice, then succeeds. */
@WorkflowInterface
public interface FlakyWorkflow {
    /** The result every run must return. */
    String EXPECTED_RESULT = "ok-after-3";

    /** Runs {@link Flaky#succeedOnThirdAttempt} once, with a 10 ms initial retry interval. */
    @WorkflowMethod
    String run(String key);
}
