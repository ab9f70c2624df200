package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.CancellationTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link CancellationTests} on PostgreSQL. */
class PostgresCancellationTests extends CancellationTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.postgres();
    }
}
