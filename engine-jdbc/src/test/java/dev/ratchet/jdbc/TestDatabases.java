package dev.ratchet.jdbc;

import dev.ratchet.jdbc.internal.ConnectionPool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Fresh databases for tests: H2 in memory or in a file, and PostgreSQL schemas.
 *
 * <p>PostgreSQL comes from the system property {@code ratchet.test.pg.url} (default
 * {@value #DEFAULT_PG_URL}). When it cannot be reached, tests that need it are skipped, or fail when the environment
 * variable {@code CI} is {@code true}, so a CI run never passes by skipping them.
 */
public final class TestDatabases {
    /** Where PostgreSQL is looked for unless {@code ratchet.test.pg.url} says otherwise. */
    public static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private static final Set<String> LIVE_SCHEMAS = ConcurrentHashMap.newKeySet();
    private static volatile String pgProblem;
    private static volatile boolean pgChecked;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropLiveSchemas, "drop-test-schemas"));
    }

    private TestDatabases() {
    }

    /** A database a test creates, opens stores on (each store a new engine's view of it), and drops. */
    public interface TestDatabase extends AutoCloseable {
        /** A new opened store on this database; close it before {@link #close()}. */
        JdbcStore openStore();

        /** The database's name: the H2 database name or the PostgreSQL schema. */
        String name();

        /** Drops the database. */
        @Override
        void close();
    }

    // ------------------------------------------------------------------------------------------------ H2

    /** A new, opened store in a fresh H2 in-memory database, which disappears when the store closes. */
    public static JdbcStore h2InMemory() {
        JdbcStore store = JdbcStore.h2InMemory(newName("mem"));
        store.open();
        return store;
    }

    /**
     * A fresh H2 in-memory database on which several stores can be opened at once (H2 in-memory databases are shared
     * by name within the JVM); it lives until {@link TestDatabase#close()}.
     */
    public static TestDatabase newH2InMemory() {
        String name = newName("mem");
        JdbcStore keeper = JdbcStore.h2InMemory(name);
        keeper.open();
        return new TestDatabase() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public JdbcStore openStore() {
                JdbcStore store = JdbcStore.h2InMemory(name);
                store.open();
                return store;
            }

            @Override
            public void close() {
                keeper.close();
            }
        };
    }

    /** A new, opened store in an H2 file (one store per file at a time). */
    public static JdbcStore h2File(Path pathWithoutExtension) {
        JdbcStore store = JdbcStore.h2File(pathWithoutExtension.toString());
        store.open();
        return store;
    }

    // ------------------------------------------------------------------------------------------------ PostgreSQL

    /** Skips the calling test when PostgreSQL is unreachable, or fails it when {@code CI=true}. */
    public static void requirePostgres() {
        if (!pgChecked) {
            synchronized (TestDatabases.class) {
                if (!pgChecked) {
                    pgProblem = probePostgres();
                    pgChecked = true;
                }
            }
        }
        if (pgProblem != null) {
            String message = "PostgreSQL is not reachable at " + pgUrl() + " (set -Dratchet.test.pg.url=...): "
                    + pgProblem.replaceAll("\\.+$", "");
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message + ". CI=true, so PostgreSQL tests fail instead of being skipped.");
            }
            Assumptions.abort(message);
        }
    }

    /** A new, opened store in a fresh PostgreSQL schema, dropped when the JVM exits. */
    public static JdbcStore postgres() {
        String schema = createSchema();
        JdbcStore store = JdbcStore.builder().schema(schema).closeDataSource(true)
                .listenDataSource(rawPostgres(schema)).postgres(postgresDataSource(schema));
        store.open();
        return store;
    }

    /** A fresh PostgreSQL schema on which several stores can be opened; dropped by {@link TestDatabase#close()}. */
    public static TestDatabase newPostgres() {
        String schema = createSchema();
        return new TestDatabase() {
            @Override
            public String name() {
                return schema;
            }

            @Override
            public JdbcStore openStore() {
                JdbcStore store = JdbcStore.builder().schema(schema).closeDataSource(true)
                        .listenDataSource(rawPostgres(schema)).postgres(postgresDataSource(schema));
                store.open();
                return store;
            }

            @Override
            public void close() {
                dropSchema(schema);
            }
        };
    }

    /**
     * A pooled data source (at most 10 connections) whose connections use {@code schema} as current schema, with a
     * socket timeout as the store's documentation asks. Close it when done ({@link ConnectionPool#close()}).
     */
    public static ConnectionPool postgresDataSource(String schema) {
        requirePostgres();
        PGSimpleDataSource ds = rawPostgres();
        if (schema != null) {
            ds.setCurrentSchema(schema);
        }
        return new ConnectionPool(ds, 10, Duration.ofSeconds(30));
    }

    /** A new plain (unpooled) connection to the test PostgreSQL; the caller closes it. */
    public static Connection connectPostgres() throws SQLException {
        requirePostgres();
        return rawPostgres().getConnection();
    }

    /** Creates a schema with a random name, registered to be dropped at exit if the test does not drop it. */
    public static String createSchema() {
        requirePostgres();
        String schema = newName("rt");
        LIVE_SCHEMAS.add(schema);
        execute("CREATE SCHEMA \"" + schema + "\"");
        return schema;
    }

    /** Drops a schema and everything in it. */
    public static void dropSchema(String schema) {
        execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        LIVE_SCHEMAS.remove(schema);
    }

    private static void dropLiveSchemas() {
        for (String schema : Set.copyOf(LIVE_SCHEMAS)) {
            try {
                dropSchema(schema);
            } catch (RuntimeException ignored) {
                // Best effort at exit.
            }
        }
    }

    private static void execute(String sql) {
        try (Connection c = rawPostgres().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test setup failed: " + sql, e);
        }
    }

    private static String pgUrl() {
        return System.getProperty("ratchet.test.pg.url", DEFAULT_PG_URL);
    }

    private static PGSimpleDataSource rawPostgres() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(pgUrl());
        ds.setSocketTimeout(30);
        ds.setConnectTimeout(5);
        ds.setApplicationName("ratchet");
        return ds;
    }

    /** An unpooled data source whose connections use {@code schema} as current schema (for LISTEN). */
    private static PGSimpleDataSource rawPostgres(String schema) {
        PGSimpleDataSource ds = rawPostgres();
        ds.setCurrentSchema(schema);
        return ds;
    }

    private static String probePostgres() {
        try (Connection c = rawPostgres().getConnection()) {
            return c.isValid(5) ? null : "the connection is not valid";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static String newName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
