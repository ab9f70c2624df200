package dev.ratchet.engine.store;

/**
 * Supplies the store an engine uses when none is configured. Found with {@link java.util.ServiceLoader}; the
 * engine-jdbc module provides one that opens an embedded H2 file.
 */
public interface StoreProvider {
    /** A new default store. */
    WorkflowStore defaultStore();
}
