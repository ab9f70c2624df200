package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.CancellationTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link CancellationTests} on H2. */
class H2CancellationTests extends CancellationTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.h2();
    }
}
