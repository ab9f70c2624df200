package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.ConcurrentStartTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link ConcurrentStartTests} on PostgreSQL. */
class PostgresConcurrentStartTests extends ConcurrentStartTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.postgres();
    }
}
