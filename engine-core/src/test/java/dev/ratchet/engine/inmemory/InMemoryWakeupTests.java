package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.StoreFixture;
import dev.ratchet.engine.behaviour.WakeupTests;

/** Runs {@link WakeupTests} on one in-memory store shared by the engines. */
class InMemoryWakeupTests extends WakeupTests {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryFixture();
    }
}
