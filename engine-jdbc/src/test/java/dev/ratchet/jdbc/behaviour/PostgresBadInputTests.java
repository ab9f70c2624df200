package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.BadInputTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link BadInputTests} on PostgreSQL. */
class PostgresBadInputTests extends BadInputTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.postgres();
    }
}
