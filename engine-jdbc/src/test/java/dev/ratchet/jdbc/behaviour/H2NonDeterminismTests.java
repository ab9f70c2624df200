package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.NonDeterminismTests;
import dev.ratchet.engine.store.WorkflowStore;
import dev.ratchet.jdbc.TestDatabases;

/** Runs {@link NonDeterminismTests} on H2. */
class H2NonDeterminismTests extends NonDeterminismTests {
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
