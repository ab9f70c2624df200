package dev.ratchet.engine.inmemory;

import dev.ratchet.engine.behaviour.HistoryLimitTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link HistoryLimitTests} on the in-memory store. */
class InMemoryHistoryLimitTests extends HistoryLimitTests {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryFixture();
    }
}
