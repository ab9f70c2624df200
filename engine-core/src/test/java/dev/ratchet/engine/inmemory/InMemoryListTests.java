package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.ListTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link ListTests} on the in-memory store. */
class InMemoryListTests extends ListTests {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryFixture();
    }
}
