package dev.ratchet.benchmarks;

import dev.ratchet.engine.store.InMemoryStore;
import dev.ratchet.engine.store.WorkflowStore;
import java.util.Map;

/** The stores a benchmark can run on, each opened fresh per run. */
enum StoreKind {
    /** An embedded H2 file under {@code <ratchet.bench.dir>/bench-h2/<random>}, deleted afterwards. */
    H2("h2") {
        @Override
        StoreSession open(BenchOptions options, StoreProfile profile) {
            return H2Session.create();
        }
    },
    /** A fresh schema in the PostgreSQL database at {@link BenchOptions#pgUrl()}, dropped afterwards. */
    POSTGRES("postgres") {
        @Override
        StoreSession open(BenchOptions options, StoreProfile profile) {
            return PostgresSession.create(options.pgUrl(), options.poolSize(), profile);
        }
    },
    /** engine-core's in-memory store: the engine's own overhead, without a database. */
    MEMORY("memory") {
        @Override
        StoreSession open(BenchOptions options, StoreProfile profile) {
            InMemoryStore store = new InMemoryStore();
            return new StoreSession() {
                @Override
                public WorkflowStore store() {
                    return store;
                }

                @Override
                public Map<String, Object> describe() {
                    return Map.of();
                }

                @Override
                public void close() {
                    // nothing outside the heap
                }
            };
        }
    };

    private final String label;

    StoreKind(String label) {
        this.label = label;
    }

    /** The name used on the command line and in result lines. */
    String label() {
        return label;
    }

    /**
     * A fresh, empty store for one run.
     *
     * @param profile counters for the SQL the store runs where the harness owns its connections, or null
     */
    abstract StoreSession open(BenchOptions options, StoreProfile profile);
}
