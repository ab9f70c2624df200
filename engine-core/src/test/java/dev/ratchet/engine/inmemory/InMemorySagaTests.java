package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.SagaTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link SagaTests} on the in-memory store. */
class InMemorySagaTests extends SagaTests {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryFixture();
    }
}
