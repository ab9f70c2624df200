package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.MessageTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link MessageTests} on the in-memory store. */
class InMemoryMessageTests extends MessageTests {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryFixture();
    }
}
