package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.ToolkitNonDeterminismTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link ToolkitNonDeterminismTests} on H2. */
class H2ToolkitNonDeterminismTests extends ToolkitNonDeterminismTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.h2();
    }
}
