package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.ConcurrentStartTests;
import dev.ratchet.engine.store.InMemoryStore;
import dev.ratchet.engine.store.WorkflowStore;

/** Runs {@link ConcurrentStartTests} on the in-memory store. */
class InMemoryConcurrentStartTests extends ConcurrentStartTests {
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
