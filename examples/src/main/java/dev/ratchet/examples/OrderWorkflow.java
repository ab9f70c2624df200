package dev.ratchet.examples;

import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;

/** The demo's workflow: reserve the item, charge the customer, wait for the warehouse, ship. */
@WorkflowInterface
public interface OrderWorkflow {
    @WorkflowMethod
    Receipt placeOrder(Order order);
}
