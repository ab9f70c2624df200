package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.ConcurrentStartTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link ConcurrentStartTests} on the in-memory store. */
class InMemoryConcurrentStartTests extends ConcurrentStartTests {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryFixture();
    }
}
