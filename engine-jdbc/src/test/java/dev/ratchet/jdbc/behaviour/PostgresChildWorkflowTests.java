package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.ChildWorkflowTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link ChildWorkflowTests} on PostgreSQL. */
class PostgresChildWorkflowTests extends ChildWorkflowTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.postgres();
    }
}
