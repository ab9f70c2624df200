package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.MessageTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link MessageTests} on PostgreSQL. */
class PostgresMessageTests extends MessageTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.postgres();
    }
}
