package dev.ratchet.benchmarks;

import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.RetryPolicy;
import dev.ratchet.api.Workflow;
import java.time.Duration;

/** {@link ProgressWorkflow}: one attempt with a 2 s heartbeat timeout. */
public final class ProgressWorkflowImpl implements ProgressWorkflow {
    private final Progress progress = Workflow.activities(Progress.class, ActivityOptions.builder()
            .startToCloseTimeout(Duration.ofMinutes(2)).heartbeatTimeout(Duration.ofSeconds(2))
            .retryPolicy(RetryPolicy.noRetries()).build());

    @Override
    public long run(long millis, long periodMillis) {
        return progress.work(millis, periodMillis);
    }
}
