package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.ContinueAsNewTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link ContinueAsNewTests} on the in-memory store. */
class InMemoryContinueAsNewTests extends ContinueAsNewTests {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryFixture();
    }
}
