package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.IdReuseTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link IdReuseTests} on the in-memory store. */
class InMemoryIdReuseTests extends IdReuseTests {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryFixture();
    }
}
