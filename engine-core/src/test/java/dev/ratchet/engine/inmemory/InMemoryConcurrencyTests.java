package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.ConcurrencyTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link ConcurrencyTests} on the in-memory store. */
class InMemoryConcurrencyTests extends ConcurrencyTests {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryFixture();
    }
}
