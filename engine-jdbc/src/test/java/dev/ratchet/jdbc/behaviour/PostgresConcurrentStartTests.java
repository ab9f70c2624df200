package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.ConcurrentStartTests;
import dev.ratchet.engine.store.WorkflowStore;
import dev.ratchet.jdbc.TestDatabases;

/** Runs {@link ConcurrentStartTests} on PostgreSQL (skipped when unreachable, failed when CI=true). */
class PostgresConcurrentStartTests extends ConcurrentStartTests {
    private TestDatabases.TestDatabase database;

    @Override
    protected void createDatabase() {
        TestDatabases.requirePostgres();
        database = TestDatabases.newPostgres();
    }

    @Override
    protected WorkflowStore openStore() {
        return database.openStore();
    }

    @Override
    protected void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
