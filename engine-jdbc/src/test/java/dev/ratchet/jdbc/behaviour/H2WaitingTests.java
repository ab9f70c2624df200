package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.WaitingTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link WaitingTests} on H2. */
class H2WaitingTests extends WaitingTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.h2();
    }
}
