package dev.ratchet.jdbc.internal;

import dev.ratchet.engine.store.StoreProvider;
import dev.ratchet.engine.store.WorkflowStore;
import dev.ratchet.jdbc.JdbcStore;

/** The default store when an engine is given none: an embedded H2 file under {@code ./ratchet-data}. */
public final class H2StoreProvider implements StoreProvider {
    /** The default database file, relative to the working directory, without extension. */
    public static final String DEFAULT_PATH = "./ratchet-data/ratchet";

    /** Called by {@link java.util.ServiceLoader}. */
    public H2StoreProvider() {
    }

    @Override
    public WorkflowStore defaultStore() {
        return JdbcStore.h2File(DEFAULT_PATH);
    }
}
