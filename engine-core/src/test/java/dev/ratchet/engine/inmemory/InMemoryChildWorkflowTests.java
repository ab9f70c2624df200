package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.ChildWorkflowTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link ChildWorkflowTests} on the in-memory store. */
class InMemoryChildWorkflowTests extends ChildWorkflowTests {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryFixture();
    }
}
