package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.StoreFixture;
import dev.ratchet.engine.store.InMemoryStore;
import dev.ratchet.engine.store.WorkflowStore;

/** The in-memory store as a behaviour-suite database: every engine of a test shares one instance. */
final class InMemoryFixture implements StoreFixture {
    private InMemoryStore store;

    @Override
    public void create() {
        store = new InMemoryStore();
    }

    @Override
    public WorkflowStore open() {
        return store;
    }

    @Override
    public void drop() {
        store = null;
    }
}
