package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.BadInputTests;
import dev.ratchet.engine.store.InMemoryStore;
import dev.ratchet.engine.store.WorkflowStore;

/** Runs {@link BadInputTests} on the in-memory store. */
class InMemoryBadInputTests extends BadInputTests {
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
