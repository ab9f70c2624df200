package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.ConcurrentStartTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link ConcurrentStartTests} on H2. */
class H2ConcurrentStartTests extends ConcurrentStartTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.h2();
    }
}
