package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.ListTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link ListTests} on H2. */
class H2ListTests extends ListTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.h2();
    }
}
