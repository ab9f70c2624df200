package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.SagaTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link SagaTests} on PostgreSQL. */
class PostgresSagaTests extends SagaTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.postgres();
    }
}
