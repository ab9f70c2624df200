package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.ConcurrencyTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link ConcurrencyTests} on PostgreSQL. */
class PostgresConcurrencyTests extends ConcurrencyTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.postgres();
    }
}
