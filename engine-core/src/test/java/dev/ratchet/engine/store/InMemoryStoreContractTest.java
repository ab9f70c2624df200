package dev.ratchet.engine.store;

/** Runs the store contract on {@link InMemoryStore}. */
class InMemoryStoreContractTest extends StoreContract {
    @Override
    protected WorkflowStore newStore() {
        InMemoryStore s = new InMemoryStore();
        s.open();
        return s;
    }
}
