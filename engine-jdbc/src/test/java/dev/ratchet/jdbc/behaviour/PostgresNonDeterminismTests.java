package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.NonDeterminismTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link NonDeterminismTests} on PostgreSQL. */
class PostgresNonDeterminismTests extends NonDeterminismTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.postgres();
    }
}
