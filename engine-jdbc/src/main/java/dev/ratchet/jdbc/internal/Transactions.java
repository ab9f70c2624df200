package dev.ratchet.jdbc.internal;

import dev.ratchet.api.OutcomeUnknownException;
import dev.ratchet.api.StoreException;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs short transactions and retries the ones that failed before COMMIT for a transient reason (deadlock, lock
 * timeout, serialization failure, lost connection). A failure during COMMIT itself is never retried here: its outcome
 * is unknown, so it is reported (or, for run commits, settled by {@link CommitExecutor}).
 */
final class Transactions {
    /** Attempts per transaction before a transient failure is reported. */
    static final int MAX_ATTEMPTS = 6;

    private final Jdbi jdbi;

    Transactions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** Runs {@code work} in a transaction; {@code what} completes "Could not ..." in error messages. */
    <T> T inTransaction(String what, HandleCallback<T, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            Handle handle = null;
            try {
                handle = jdbi.open();
                handle.begin();
                T result = work.withHandle(handle);
                try {
                    handle.commit();
                } catch (RuntimeException e) {
                    throw new OutcomeUnknownException("Could not " + what + ": the database connection failed during"
                            + " COMMIT, so the outcome is unknown: " + e.getMessage(), e);
                }
                return result;
            } catch (StoreException e) {
                rollbackQuietly(handle);
                throw e;
            } catch (RuntimeException e) {
                rollbackQuietly(handle);
                if (attempt >= MAX_ATTEMPTS || !SqlErrors.isTransient(e)) {
                    throw SqlErrors.wrap("Could not " + what, e);
                }
                backOff(attempt);
            } finally {
                closeQuietly(handle);
            }
        }
    }

    /**
     * Runs {@code work} in auto-commit mode, retrying transient failures: for reads and for single-statement writes
     * that are idempotent, so that repeating one whose outcome was unknown is harmless.
     */
    <T> T autoCommit(String what, HandleCallback<T, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            try (Handle handle = jdbi.open()) {
                return work.withHandle(handle);
            } catch (RuntimeException e) {
                if (attempt >= MAX_ATTEMPTS || !SqlErrors.isTransient(e)) {
                    throw SqlErrors.wrap("Could not " + what, e);
                }
                backOff(attempt);
            }
        }
    }

    /** Sleeps a short random time that grows with the attempt, so colliding transactions fall out of step. */
    static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt * attempt + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while retrying a database transaction", e);
        }
    }

    static void rollbackQuietly(Handle handle) {
        if (handle == null) {
            return;
        }
        try {
            handle.rollback();
        } catch (RuntimeException ignored) {
            // The connection is likely gone; the server rolls back a transaction whose connection closes.
        }
    }

    static void closeQuietly(Handle handle) {
        if (handle == null) {
            return;
        }
        try {
            handle.close();
        } catch (RuntimeException ignored) {
            // Closing returns the connection to the pool, which discards it if it is broken.
        }
    }
}
