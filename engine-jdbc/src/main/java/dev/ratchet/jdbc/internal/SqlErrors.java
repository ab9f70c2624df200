package dev.ratchet.jdbc.internal;

import dev.ratchet.api.StoreException;
import java.sql.SQLException;
import java.util.Set;

/** Classifies database errors by SQLSTATE and vendor code, and wraps them for the engine. */
final class SqlErrors {
    /**
     * States after which the whole transaction can simply run again: serialization failure and H2 deadlock (40001),
     * PostgreSQL deadlock (40P01), lock not available (55P03), H2 lock timeout (HYT00).
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03", "HYT00");
    /** H2's "concurrent update" (90131): another transaction changed a row this one was about to change. */
    private static final int H2_CONCURRENT_UPDATE = 90131;
    /** H2's "database may be already in use" (90020): another process holds the file lock. */
    static final int H2_DATABASE_IN_USE = 90020;

    /** The SQLSTATE a failed guard of a one-trip commit raises on PostgreSQL (see {@code Migrations.version2}). */
    static final String PRECONDITION_FAILED = "RT001";

    private SqlErrors() {
    }

    /** The first SQLException in the cause chain, or null. */
    static SQLException sqlException(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /**
     * Whether running the same transaction again may succeed: lock conflicts, and a lost connection before COMMIT was
     * sent (the server rolls such a transaction back).
     */
    static boolean isTransient(Throwable error) {
        for (SQLException e = sqlException(error); e != null; e = e.getNextException()) {
            String state = e.getSQLState();
            if (state != null && (TRANSIENT_STATES.contains(state) || state.startsWith("08"))) {
                return true;
            }
            if (e.getErrorCode() == H2_CONCURRENT_UPDATE) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the database itself reported the error while the connection stayed up, so that the statement's
     * transaction is known to be rolled back (as opposed to a lost connection, after which its outcome is unknown).
     */
    static boolean isReportedByServer(Throwable error) {
        SQLException e = sqlException(error);
        String state = e == null ? null : e.getSQLState();
        return state != null && !state.startsWith("08");
    }

    /** Whether the error is a unique-key violation. */
    static boolean isUniqueViolation(Throwable error) {
        SQLException e = sqlException(error);
        return e != null && "23505".equals(e.getSQLState());
    }

    /** Whether the error has the given vendor code anywhere in its cause chain. */
    static boolean hasErrorCode(Throwable error, int code) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == code) {
                return true;
            }
        }
        return false;
    }

    /** The error as an unchecked exception (checked ones wrapped). */
    static RuntimeException asRuntime(Exception error) {
        return error instanceof RuntimeException re ? re : new IllegalStateException(error.getMessage(), error);
    }

    /** A StoreException saying what failed, with the database's own message and SQLSTATE. */
    static StoreException wrap(String whatFailed, Throwable error) {
        if (error instanceof StoreException store) {
            return store;
        }
        SQLException sql = sqlException(error);
        String detail = sql == null ? String.valueOf(error.getMessage())
                : sql.getMessage() + " [SQLSTATE " + sql.getSQLState() + "]";
        return new StoreException(whatFailed + ": " + detail, error);
    }
}
