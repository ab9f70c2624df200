package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.ActivityTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link ActivityTests} on H2. */
class H2ActivityTests extends ActivityTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.h2();
    }
}
