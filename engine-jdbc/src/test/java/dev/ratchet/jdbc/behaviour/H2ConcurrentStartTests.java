package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.ConcurrentStartTests;
import dev.ratchet.engine.store.WorkflowStore;
import dev.ratchet.jdbc.TestDatabases;

/** Runs {@link ConcurrentStartTests} on H2. */
class H2ConcurrentStartTests extends ConcurrentStartTests {
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
