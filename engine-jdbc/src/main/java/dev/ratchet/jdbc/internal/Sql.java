package dev.ratchet.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jdbi.v3.core.statement.SqlStatement;

/** Helpers for SQL with variable-length {@code IN} lists, which reach the database only as bind parameters. */
final class Sql {
    /** The longest IN list in one statement; longer lists are split into several statements. */
    static final int MAX_IN_LIST = 512;

    private Sql() {
    }

    /**
     * The placeholder list for {@code n} values, rounded up to a power of two so that only a handful of distinct
     * statements exist (which keeps parsed-statement caches warm); {@link #bindIn} repeats the last value to fill it.
     */
    static String in(int n) {
        int size = bucket(n);
        StringBuilder sb = new StringBuilder(size * 3);
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "?" : ", ?");
        }
        return sb.toString();
    }

    private static int bucket(int n) {
        if (n <= 1) {
            return 1;
        }
        return Math.min(Integer.highestOneBit(n - 1) << 1, Math.max(n, MAX_IN_LIST));
    }

    /**
     * Binds {@code values} (strings or longs) from position {@code from}, padded as {@link #in} expects; returns the
     * next free position.
     */
    static int bindIn(SqlStatement<?> statement, int from, List<?> values) {
        int size = bucket(values.size());
        for (int i = 0; i < size; i++) {
            Object value = values.get(Math.min(i, values.size() - 1));
            if (value instanceof Long number) {
                statement.bind(from + i, number);
            } else {
                statement.bind(from + i, (String) value);
            }
        }
        return from + size;
    }

    /** {@link #bindIn(SqlStatement, int, List)} for a plain JDBC statement; {@code from} is zero-based too. */
    static int bindIn(PreparedStatement statement, int from, List<?> values) throws SQLException {
        int size = bucket(values.size());
        for (int i = 0; i < size; i++) {
            Object value = values.get(Math.min(i, values.size() - 1));
            if (value instanceof Long number) {
                statement.setLong(from + i + 1, number);
            } else {
                statement.setString(from + i + 1, (String) value);
            }
        }
        return from + size;
    }

    /** Runs {@code action} on consecutive slices of at most {@link #MAX_IN_LIST} values. */
    static <T> void inChunks(List<T> values, Consumer<List<T>> action) {
        for (int i = 0; i < values.size(); i += MAX_IN_LIST) {
            action.accept(values.subList(i, Math.min(values.size(), i + MAX_IN_LIST)));
        }
    }

    /** Sorted, distinct copy; sorting keeps lock order the same in every transaction. */
    static <T extends Comparable<T>> List<T> sortedDistinct(Collection<T> values) {
        return new ArrayList<>(new TreeSet<>(values));
    }
}
