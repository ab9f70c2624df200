package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.SideEffectTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link SideEffectTests} on H2. */
class H2SideEffectTests extends SideEffectTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.h2();
    }
}
