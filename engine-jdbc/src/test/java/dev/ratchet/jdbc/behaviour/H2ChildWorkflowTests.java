package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.ChildWorkflowTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link ChildWorkflowTests} on H2. */
class H2ChildWorkflowTests extends ChildWorkflowTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.h2();
    }
}
