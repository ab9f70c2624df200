package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.ContinueAsNewTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link ContinueAsNewTests} on H2. */
class H2ContinueAsNewTests extends ContinueAsNewTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.h2();
    }
}
