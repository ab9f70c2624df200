package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.IdReuseTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link IdReuseTests} on H2. */
class H2IdReuseTests extends IdReuseTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.h2();
    }
}
