package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.IdReuseTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link IdReuseTests} on PostgreSQL. */
class PostgresIdReuseTests extends IdReuseTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.postgres();
    }
}
