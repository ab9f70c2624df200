package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.SagaTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link SagaTests} on H2. */
class H2SagaTests extends SagaTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.h2();
    }
}
