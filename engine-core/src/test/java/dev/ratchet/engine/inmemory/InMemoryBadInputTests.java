package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.BadInputTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link BadInputTests} on the in-memory store. */
class InMemoryBadInputTests extends BadInputTests {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryFixture();
    }
}
