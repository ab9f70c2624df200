package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.WaitingTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link WaitingTests} on PostgreSQL. */
class PostgresWaitingTests extends WaitingTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.postgres();
    }
}
