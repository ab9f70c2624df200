package dev.ratchet.jdbc;

import dev.ratchet.engine.store.StoreContract;
import dev.ratchet.engine.store.WorkflowStore;
import dev.ratchet.jdbc.internal.ConnectionPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract on PostgreSQL: one fresh schema for the class (dropped after it), and fresh tables (a new table
 * prefix) for each test.
 */
class PostgresStoreContractTest extends StoreContract {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static String schema;
    private static ConnectionPool pool;

    @BeforeAll
    static void createSchema() {
        schema = TestDatabases.createSchema();
        pool = TestDatabases.postgresDataSource(schema);
    }

    @AfterAll
    static void dropSchema() {
        if (pool != null) {
            pool.close();
        }
        if (schema != null) {
            TestDatabases.dropSchema(schema);
        }
    }

    @Override
    protected WorkflowStore newStore() {
        JdbcStore store = JdbcStore.builder().schema(schema).tablePrefix("t" + TABLES.incrementAndGet() + "_")
                .postgres(pool);
        store.open();
        return store;
    }
}
