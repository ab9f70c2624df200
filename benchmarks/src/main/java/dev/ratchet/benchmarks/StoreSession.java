package dev.ratchet.benchmarks;

import dev.ratchet.engine.store.WorkflowStore;
import java.util.Map;

/** A fresh store for one benchmark run, and the clean-up after it (deleting its files or dropping its schema). */
interface StoreSession extends AutoCloseable {
    /** The store, not yet opened (the engine opens and closes it). */
    WorkflowStore store();

    /** Facts about the store for the result line (for example the pool size). */
    Map<String, Object> describe();

    /** Removes what the run left behind; called after the engine is closed. */
    @Override
    void close();
}
