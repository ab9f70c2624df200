package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.BadInputTests;
import dev.ratchet.engine.store.WorkflowStore;
import dev.ratchet.jdbc.TestDatabases;

/** Runs {@link BadInputTests} on H2. */
class H2BadInputTests extends BadInputTests {
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
