package dev.ratchet.benchmarks;

import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;

/** The benchmark workflow: three activities in sequence. */
@WorkflowInterface
public interface OrderWorkflow {
    /** The result every run must return. */
    String EXPECTED_RESULT = "reserved-charged-shipped";

    /** Runs {@code reserve}, {@code charge} and {@code ship} in that order and joins their results with dashes. */
    @WorkflowMethod
    String fulfill(String orderId);
}
