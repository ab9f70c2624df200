package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.StatusTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link StatusTests} on Postgres. */
class PostgresStatusTests extends StatusTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.postgres();
    }
}
