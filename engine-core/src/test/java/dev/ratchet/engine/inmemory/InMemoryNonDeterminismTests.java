package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.NonDeterminismTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link NonDeterminismTests} on the in-memory store. */
class InMemoryNonDeterminismTests extends NonDeterminismTests {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryFixture();
    }
}
