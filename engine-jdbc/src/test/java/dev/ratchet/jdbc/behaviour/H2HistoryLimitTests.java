package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.HistoryLimitTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link HistoryLimitTests} on H2. */
class H2HistoryLimitTests extends HistoryLimitTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.h2();
    }
}
