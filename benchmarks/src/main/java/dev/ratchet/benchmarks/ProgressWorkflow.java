package dev.ratchet.benchmarks;

import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;

/** The H1 workflow: one long activity that heartbeats. */
@WorkflowInterface
public interface ProgressWorkflow {
    /** Runs {@link Progress#work} for {@code millis}, heartbeating every {@code periodMillis}; returns the beats. */
    @WorkflowMethod
    long run(long millis, long periodMillis);
}
