package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.WorkflowExecutionTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link WorkflowExecutionTests} on PostgreSQL. */
class PostgresWorkflowExecutionTests extends WorkflowExecutionTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.postgres();
    }
}
