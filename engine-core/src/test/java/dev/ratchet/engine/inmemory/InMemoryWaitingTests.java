package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.WaitingTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link WaitingTests} on the in-memory store. */
class InMemoryWaitingTests extends WaitingTests {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryFixture();
    }
}
