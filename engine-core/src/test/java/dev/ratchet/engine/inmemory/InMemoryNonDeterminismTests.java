package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.NonDeterminismTests;
import dev.ratchet.engine.store.InMemoryStore;
import dev.ratchet.engine.store.WorkflowStore;

/** Runs {@link NonDeterminismTests} on the in-memory store. */
class InMemoryNonDeterminismTests extends NonDeterminismTests {
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
