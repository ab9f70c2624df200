package dev.ratchet.benchmarks;

import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.Workflow;
import java.time.Duration;

/** {@link OrderWorkflow}: {@code reserve → charge → ship}, each a durable activity. */
public final class OrderWorkflowImpl implements OrderWorkflow {
    private final Fulfillment steps = Workflow.activities(Fulfillment.class, ActivityOptions.of(Duration.ofSeconds(30)));

    @Override
    public String fulfill(String orderId) {
        String reserved = steps.reserve(orderId);
        String charged = steps.charge(orderId);
        String shipped = steps.ship(orderId);
        return reserved + "-" + charged + "-" + shipped;
    }
}
