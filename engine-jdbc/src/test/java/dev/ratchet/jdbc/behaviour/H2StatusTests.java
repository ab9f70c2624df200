package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.StatusTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link StatusTests} on H2. */
class H2StatusTests extends StatusTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.h2();
    }
}
