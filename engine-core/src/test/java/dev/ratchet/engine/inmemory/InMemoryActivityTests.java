package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.ActivityTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link ActivityTests} on the in-memory store. */
class InMemoryActivityTests extends ActivityTests {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryFixture();
    }
}
