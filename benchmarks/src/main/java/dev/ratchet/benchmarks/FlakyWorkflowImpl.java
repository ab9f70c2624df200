package dev.ratchet.benchmarks;

import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.RetryPolicy;
import dev.ratchet.api.Workflow;
import java.time.Duration;

/** {@link FlakyWorkflow}: retries at 10 ms, then 20 ms, at most 5 attempts. */
public final class FlakyWorkflowImpl implements FlakyWorkflow {
    private final Flaky flaky = Workflow.activities(Flaky.class, ActivityOptions.of(Duration.ofSeconds(30))
            .withRetry(RetryPolicy.defaults().withInitialInterval(Duration.ofMillis(10)).withMaximumAttempts(5)));

    @Override
    public String run(String key) {
        return flaky.succeedOnThirdAttempt(key);
    }
}
