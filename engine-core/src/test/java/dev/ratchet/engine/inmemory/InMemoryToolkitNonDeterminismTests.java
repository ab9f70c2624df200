package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.ToolkitNonDeterminismTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link ToolkitNonDeterminismTests} on the in-memory store. */
class InMemoryToolkitNonDeterminismTests extends ToolkitNonDeterminismTests {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryFixture();
    }
}
