package dev.ratchet.benchmarks;

import dev.ratchet.engine.store.WorkflowStore;
import dev.ratchet.jdbc.JdbcStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL store in a fresh schema {@code bench_<random>}, reached through a {@link FixedPool} of at most
 * {@code poolSize} connections; the schema is dropped on close.
 */
final class PostgresSession implements StoreSession {
    private final PGSimpleDataSource source;
    private final FixedPool pool;
    private final String schema;
    private final int poolSize;
    private final JdbcStore store;

    private PostgresSession(PGSimpleDataSource source, String schema, int poolSize, StoreProfile profile) {
        this.source = source;
        this.schema = schema;
        this.poolSize = poolSize;
        this.pool = new FixedPool(source, poolSize, Duration.ofSeconds(30));
        // Work hints listen on a plain connection of their own, so the pool keeps all its connections for the engine.
        this.store = JdbcStore.builder().schema(schema).listenDataSource(source)
                .postgres(profile == null ? pool : profile.wrap(pool));
    }

    /** Creates the schema; {@code profile}, if not null, counts the store's SQL. */
    static PostgresSession create(String url, int poolSize, StoreProfile profile) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url);
        if (!url.contains("socketTimeout=")) {
            source.setSocketTimeout(60);
        }
        String schema = "bench_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new BenchFailure("cannot reach PostgreSQL at " + url + " (set -Dratchet.bench.pg.url): " + e, e);
        }
        return new PostgresSession(source, schema, poolSize, profile);
    }

    @Override
    public WorkflowStore store() {
        return store;
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("pool_size", poolSize);
    }

    @Override
    public void close() {
        store.close();
        pool.close();
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = '10s'");
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("Bench: could not drop schema " + schema + ": " + e);
        }
    }
}
