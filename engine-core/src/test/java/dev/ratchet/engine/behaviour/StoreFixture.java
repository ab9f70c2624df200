package dev.ratchet.engine.behaviour;

import dev.ratchet.engine.store.WorkflowStore;

/** One test's database for the behaviour suites: created before the test, opened by each engine, dropped after. */
public interface StoreFixture {
    /** Prepares an empty database. */
    void create() throws Exception;

    /** A new store object on this database (every call within a test reaches the same data). */
    WorkflowStore open();

    /** Removes the database. */
    void drop() throws Exception;
}
