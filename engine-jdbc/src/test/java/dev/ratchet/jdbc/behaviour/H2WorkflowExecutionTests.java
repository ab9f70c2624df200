package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.WorkflowExecutionTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link WorkflowExecutionTests} on H2. */
class H2WorkflowExecutionTests extends WorkflowExecutionTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.h2();
    }
}
