package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.BadInputTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link BadInputTests} on H2. */
class H2BadInputTests extends BadInputTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.h2();
    }
}
