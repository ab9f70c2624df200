package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.NonDeterminismTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link NonDeterminismTests} on H2. */
class H2NonDeterminismTests extends NonDeterminismTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.h2();
    }
}
