package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.StatusTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link StatusTests} on the in-memory store. */
class InMemoryStatusTests extends StatusTests {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryFixture();
    }
}
