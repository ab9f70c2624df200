package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.VersioningTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link VersioningTests} on the in-memory store. */
class InMemoryVersioningTests extends VersioningTests {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryFixture();
    }
}
