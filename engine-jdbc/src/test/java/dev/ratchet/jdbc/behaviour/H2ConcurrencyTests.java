package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.ConcurrencyTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link ConcurrencyTests} on H2. */
class H2ConcurrencyTests extends ConcurrencyTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.h2();
    }
}
