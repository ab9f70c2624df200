package dev.ratchet.jdbc.crash;

import dev.ratchet.jdbc.JdbcStore;
import dev.ratchet.jdbc.TestDatabases;
import java.util.List;
import javax.sql.DataSource;

/**
 * The crash test on PostgreSQL, in a fresh schema. Skipped when PostgreSQL is unreachable, failed instead when
 * {@code CI=true} (see {@link TestDatabases#requirePostgres()}).
 */
class CrashRecoveryPostgresTest extends CrashRecovery {
    private String schema;

    @Override
    protected int workflows() {
        return 300;
    }

    @Override
    protected void createDatabase() {
        schema = TestDatabases.createSchema();
    }

    @Override
    protected List<String> storeArgs() {
        return CrashWorker.postgresArgs(schema);
    }

    @Override
    protected List<String> childJvmOptions() {
        return List.of("-Dratchet.test.pg.url=" + System.getProperty("ratchet.test.pg.url",
                TestDatabases.DEFAULT_PG_URL));
    }

    @Override
    protected JdbcStore openStore() {
        JdbcStore store = JdbcStore.builder().schema(schema).closeDataSource(true)
                .postgres(TestDatabases.postgresDataSource(schema));
        store.open();
        return store;
    }

    @Override
    protected DataSource openDataSource() {
        return TestDatabases.postgresDataSource(schema);
    }

    @Override
    protected void dropDatabase() {
        if (schema != null) {
            TestDatabases.dropSchema(schema);
        }
    }

    @Override
    protected String storeName() {
        return "postgres";
    }
}
