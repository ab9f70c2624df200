package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.VersioningTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link VersioningTests} on H2. */
class H2VersioningTests extends VersioningTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.h2();
    }
}
