package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.ListTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link ListTests} on PostgreSQL. */
class PostgresListTests extends ListTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.postgres();
    }
}
