package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.VersioningTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link VersioningTests} on PostgreSQL. */
class PostgresVersioningTests extends VersioningTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.postgres();
    }
}
