package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.WorkflowExecutionTests;
import dev.ratchet.engine.store.WorkflowStore;
import dev.ratchet.jdbc.TestDatabases;

/** Runs {@link WorkflowExecutionTests} on PostgreSQL (skipped when unreachable, failed when CI=true). */
class PostgresWorkflowExecutionTests extends WorkflowExecutionTests {
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
