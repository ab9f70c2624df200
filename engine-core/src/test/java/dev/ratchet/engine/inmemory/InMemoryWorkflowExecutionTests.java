package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.WorkflowExecutionTests;
import dev.ratchet.engine.store.InMemoryStore;
import dev.ratchet.engine.store.WorkflowStore;

/** Runs {@link WorkflowExecutionTests} on the in-memory store. */
class InMemoryWorkflowExecutionTests extends WorkflowExecutionTests {
    private InMemoryStore store;

    @Override
    protected void createDatabase() {
        store = new InMemoryStore();
    }

    @Override
    protected WorkflowStore openStore() {
        return store;
    }

    @Override
    protected void dropDatabase() {
        store = null;
    }
}
