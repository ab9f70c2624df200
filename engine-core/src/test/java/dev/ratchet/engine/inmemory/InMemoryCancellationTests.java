package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.CancellationTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link CancellationTests} on the in-memory store. */
class InMemoryCancellationTests extends CancellationTests {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryFixture();
    }
}
