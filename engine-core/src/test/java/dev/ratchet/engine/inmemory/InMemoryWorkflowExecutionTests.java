package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.WorkflowExecutionTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link WorkflowExecutionTests} on the in-memory store. */
class InMemoryWorkflowExecutionTests extends WorkflowExecutionTests {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryFixture();
    }
}
