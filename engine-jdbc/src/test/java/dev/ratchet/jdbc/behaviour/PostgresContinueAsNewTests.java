package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.ContinueAsNewTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link ContinueAsNewTests} on PostgreSQL. */
class PostgresContinueAsNewTests extends ContinueAsNewTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.postgres();
    }
}
