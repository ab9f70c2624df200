package dev.ratchet.jdbc;

import dev.ratchet.engine.store.StoreContract;
import dev.ratchet.engine.store.WorkflowStore;

/** The store contract on H2, each test in a fresh in-memory database. */
class H2StoreContractTest extends StoreContract {
    @Override
    protected WorkflowStore newStore() {
        return TestDatabases.h2InMemory();
    }
}
