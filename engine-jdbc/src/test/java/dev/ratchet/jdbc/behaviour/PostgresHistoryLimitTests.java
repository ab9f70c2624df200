package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.HistoryLimitTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link HistoryLimitTests} on PostgreSQL. */
class PostgresHistoryLimitTests extends HistoryLimitTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.postgres();
    }
}
