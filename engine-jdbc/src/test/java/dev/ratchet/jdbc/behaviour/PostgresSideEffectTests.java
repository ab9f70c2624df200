package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.SideEffectTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link SideEffectTests} on PostgreSQL. */
class PostgresSideEffectTests extends SideEffectTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.postgres();
    }
}
