package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.SideEffectTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link SideEffectTests} on the in-memory store. */
class InMemorySideEffectTests extends SideEffectTests {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryFixture();
    }
}
