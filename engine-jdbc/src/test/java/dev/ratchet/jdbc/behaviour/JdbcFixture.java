package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.StoreFixture;
import dev.ratchet.engine.store.WorkflowStore;
import dev.ratchet.jdbc.TestDatabases;

/**
 * A JDBC database for the behaviour suites: a shared H2 in-memory database, or a fresh PostgreSQL schema (skipped when
 * PostgreSQL is unreachable, failed when CI=true).
 */
final class JdbcFixture implements StoreFixture {
    private final boolean postgres;
    private TestDatabases.TestDatabase database;

    private JdbcFixture(boolean postgres) {
        this.postgres = postgres;
    }

    static JdbcFixture h2() {
        return new JdbcFixture(false);
    }

    static JdbcFixture postgres() {
        return new JdbcFixture(true);
    }

    @Override
    public void create() {
        if (postgres) {
            TestDatabases.requirePostgres();
        }
        database = postgres ? TestDatabases.newPostgres() : TestDatabases.newH2InMemory();
    }

    /** The database of the current test (after {@link #create()}). */
    TestDatabases.TestDatabase database() {
        return database;
    }

    @Override
    public WorkflowStore open() {
        return database.openStore();
    }

    @Override
    public void drop() {
        if (database != null) {
            database.close();
        }
    }
}
