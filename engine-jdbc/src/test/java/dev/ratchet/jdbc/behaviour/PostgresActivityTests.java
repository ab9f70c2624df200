package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.ActivityTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link ActivityTests} on PostgreSQL. */
class PostgresActivityTests extends ActivityTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.postgres();
    }
}
