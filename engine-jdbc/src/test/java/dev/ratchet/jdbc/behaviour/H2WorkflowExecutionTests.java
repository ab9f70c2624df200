package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.WorkflowExecutionTests;
import dev.ratchet.engine.store.WorkflowStore;
import dev.ratchet.jdbc.TestDatabases;

/** Runs {@link WorkflowExecutionTests} on H2. */
class H2WorkflowExecutionTests extends WorkflowExecutionTests {
    private TestDatabases.TestDatabase database;

    @Override
    protected void createDatabase() {
        database = TestDatabases.newH2InMemory();
    }

    @Override
    protected WorkflowStore openStore() {
        return database.openStore();
    }

    @Override
    protected void dropDatabase() {
        database.close();
    }
}
