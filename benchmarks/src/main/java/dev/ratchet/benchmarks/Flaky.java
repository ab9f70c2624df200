package dev.ratchet.benchmarks;

import dev.ratchet.api.ActivityInterface;

/** The R1 activity. */
@ActivityInterface
public interface Flaky {
    /** Fails attempts 1 and 2 with a retryable failure; returns {@link FlakyWorkflow#EXPECTED_RESULT} on attempt 3. */
    String succeedOnThirdAttempt(String key);
}
