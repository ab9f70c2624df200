package dev.ratchet.jdbc.internal;

import org.jdbi.v3.core.Handle;

/**
 * The SQL differences between the databases the JDBC store supports. Everything else in the store is written once in
 * the SQL both understand (quoted identifiers, {@code FETCH FIRST}, {@code FOR UPDATE SKIP LOCKED}, identity columns).
 */
public enum Dialect {
    /** Embedded H2 2.x (single JVM). */
    H2 {
        @Override
        String nowMillis() {
            // CURRENT_TIMESTAMP is a TIMESTAMP WITH TIME ZONE, so its epoch is UTC; H2 keeps it fixed within a
            // transaction, which is fine for the short transactions that judge leases.
            return "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)";
        }

        @Override
        String largeText() {
            // VARCHAR stops at 1,000,000 characters in H2, below the engine's payload limit.
            return "CLOB";
        }

        @Override
        boolean indexesTaskQueues() {
            // H2 locks every matching row when a FOR UPDATE query is not read in primary-key order, so the claim
            // tables get no secondary index that the planner could prefer to the primary key.
            return false;
        }

        @Override
        boolean locksMigrationsInDatabase() {
            return false;
        }

        @Override
        void lockForMigration(Handle handle) {
            // One JVM owns an H2 database, and Migrations serialises the migrations within it.
        }

        @Override
        void unlockAfterMigration(Handle handle) {
        }

        @Override
        String insertWorkflowId(String table) {
            // H2 rolls back only the failing statement, so a unique violation can be caught row by row.
            return "INSERT INTO " + table + " (workflow_id, run_id) VALUES (?, ?)";
        }

        @Override
        boolean failedStatementAbortsTransaction() {
            return false;
        }

        @Override
        void limitLockWait(Handle handle) {
            // The H2 URL sets DEFAULT_LOCK_TIMEOUT already.
        }
    },

    /** PostgreSQL 12 or newer (many JVMs). */
    POSTGRES {
        @Override
        String nowMillis() {
            // clock_timestamp(), not now(): now() is frozen at transaction start.
            return "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
        }

        @Override
        String largeText() {
            return "TEXT";
        }

        @Override
        boolean indexesTaskQueues() {
            return true;
        }

        @Override
        boolean locksMigrationsInDatabase() {
            return true;
        }

        @Override
        void lockForMigration(Handle handle) {
            // A session lock taken before the migration transaction begins, not pg_advisory_xact_lock inside it: a
            // transaction that waited for the lock may still check IF NOT EXISTS against the catalog as it was when
            // it began, and then fail to create the schema the previous holder just created.
            handle.createQuery("SELECT 1 FROM (SELECT pg_advisory_lock(?)) AS locked")
                    .bind(0, MIGRATION_LOCK_KEY).mapTo(Integer.class).one();
        }

        @Override
        void unlockAfterMigration(Handle handle) {
            handle.createQuery("SELECT pg_advisory_unlock(?)").bind(0, MIGRATION_LOCK_KEY).mapTo(Boolean.class).one();
        }

        @Override
        String insertWorkflowId(String table) {
            // ON CONFLICT DO NOTHING waits for a concurrent inserter of the same ID and then skips the row instead of
            // aborting the whole transaction, which a unique violation would do in PostgreSQL.
            return "INSERT INTO " + table + " (workflow_id, run_id) VALUES (?, ?) ON CONFLICT (workflow_id) DO NOTHING";
        }

        @Override
        boolean failedStatementAbortsTransaction() {
            return true;
        }

        @Override
        void limitLockWait(Handle handle) {
            handle.execute("SET LOCAL lock_timeout = '" + SETTLE_LOCK_TIMEOUT_MILLIS + "ms'");
        }
    };

    /** The advisory lock key PostgreSQL migrations hold ("RATCHET" in ASCII). */
    static final long MIGRATION_LOCK_KEY = 0x0052_4154_4348_4554L;

    /** How long settling an unknown commit outcome waits for the old transaction's locks. */
    static final long SETTLE_LOCK_TIMEOUT_MILLIS = 10_000;

    /** An SQL expression for the database's current time in epoch milliseconds (UTC). */
    abstract String nowMillis();

    /** The column type for JSON payloads of any size. */
    abstract String largeText();

    /** Whether the claim tables get an index on (task_queue, task_id). */
    abstract boolean indexesTaskQueues();

    /** Whether {@link #lockForMigration} serialises migrations across JVMs (else the caller must, within its JVM). */
    abstract boolean locksMigrationsInDatabase();

    /** Serialises concurrent migrations across JVMs; called outside a transaction, before the migration begins. */
    abstract void lockForMigration(Handle handle);

    /** Releases what {@link #lockForMigration} took, after the migration ended. */
    abstract void unlockAfterMigration(Handle handle);

    /** The statement that registers a workflow ID for a run, with parameters (workflow_id, run_id). */
    abstract String insertWorkflowId(String table);

    /** Whether one failed statement dooms the whole transaction (PostgreSQL) or only itself (H2). */
    abstract boolean failedStatementAbortsTransaction();

    /** Bounds lock waits for the rest of the current transaction (to {@link #SETTLE_LOCK_TIMEOUT_MILLIS}). */
    abstract void limitLockWait(Handle handle);
}
