package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.ToolkitNonDeterminismTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link ToolkitNonDeterminismTests} on PostgreSQL. */
class PostgresToolkitNonDeterminismTests extends ToolkitNonDeterminismTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.postgres();
    }
}
