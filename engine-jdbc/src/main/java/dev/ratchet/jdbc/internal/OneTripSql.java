package dev.ratchet.jdbc.internal;

import dev.ratchet.jdbc.internal.FastCommit.Check;
import dev.ratchet.jdbc.internal.FastCommit.Step;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a fast commit's steps as one PostgreSQL multi-statement: each check becomes a statement that calls the
 * {@code require} function (schema version 2), which aborts the implicit transaction when the check fails.
 *
 * <p>Design note: each statement costs the server a snapshot, an executor start and a protocol exchange, which were a
 * large part of a small commit. So consecutive unchecked writes to different tables travel as one statement
 * (data-modifying WITH clauses; they share a snapshot, which is why they must not touch one table: a later one would
 * not see an earlier one's rows), and a "no workflow task" check joins the check statement before it. That check never
 * joins the first statement, the run update: it must read with a snapshot taken after the run's row lock is held (each
 * later statement takes a new one), as a workflow task appears only under that lock. A check marked
 * {@link Step#carriesWrites()} (a new run's workflow-ID insert) takes the unchecked writes after it into its own
 * statement: they read nothing, and when the ID is taken its failed check undoes them with everything else, so a start
 * is one statement.
 */
final class OneTripSql {
    private OneTripSql() {
    }

    /** Appends the statements for {@code steps} to {@code sql} and their parameters, in order, to {@code params}. */
    static void assemble(List<Step> steps, String requireFunction, StringBuilder sql, List<Object> params) {
        int statements = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (!sql.isEmpty()) {
                sql.append(";\n");
            }
            statements++;
            switch (s.check()) {
                case NONE -> {
                    int last = lastUncheckedOnOtherTables(steps, i, null);
                    for (int k = i; k < last; k++) {
                        sql.append(k == i ? "WITH " : ", ").append("w").append(k - i).append(" AS (")
                                .append(steps.get(k).sql()).append(')');
                        params.addAll(steps.get(k).params());
                    }
                    sql.append(i < last ? " " : "").append(steps.get(last).sql());
                    params.addAll(steps.get(last).params());
                    i = last;
                }
                case ONE_ROW, ROWS -> {
                    sql.append("WITH g AS (").append(s.sql()).append(" RETURNING 1)");
                    params.addAll(s.params());
                    if (s.carriesWrites() && i + 1 < steps.size() && steps.get(i + 1).check() == Check.NONE
                            && sharesWith(steps.get(i + 1), writtenTable(s))) {
                        int last = lastUncheckedOnOtherTables(steps, i + 1, writtenTable(s));
                        for (int k = i + 1; k <= last; k++) {
                            sql.append(", w").append(k - i).append(" AS (").append(steps.get(k).sql()).append(')');
                            params.addAll(steps.get(k).params());
                        }
                        i = last;
                    }
                    sql.append(" SELECT ").append(requireFunction).append("((SELECT count(*) FROM g) = ")
                            .append(s.rows()).append(", '").append(s.label()).append("')");
                    if (statements > 1 && i + 1 < steps.size() && steps.get(i + 1).check() == Check.NO_ROW) {
                        Step next = steps.get(++i);
                        sql.append(" AND ");
                        appendNoRow(requireFunction, sql, next);
                        params.addAll(next.params());
                    }
                }
                case NO_ROW -> {
                    sql.append("SELECT ");
                    appendNoRow(requireFunction, sql, s);
                    params.addAll(s.params());
                }
            }
        }
    }

    /**
     * The last of the unchecked steps from {@code first} on that each write a table none before them (nor
     * {@code taken}, a table the statement writes already) wrote; {@code first} itself when it cannot share.
     */
    private static int lastUncheckedOnOtherTables(List<Step> steps, int first, String taken) {
        String table = writtenTable(steps.get(first));
        if (table == null || table.equals(taken)) {
            return first;
        }
        Set<String> tables = new HashSet<>(Set.of(table));
        if (taken != null) {
            tables.add(taken);
        }
        int last = first;
        while (last + 1 < steps.size() && steps.get(last + 1).check() == Check.NONE) {
            table = writtenTable(steps.get(last + 1));
            if (table == null || !tables.add(table)) {
                break;
            }
            last++;
        }
        return last;
    }

    /** Whether an unchecked step may join a statement that writes {@code taken} already. */
    private static boolean sharesWith(Step s, String taken) {
        String table = writtenTable(s);
        return table != null && !table.equals(taken);
    }

    private static void appendNoRow(String requireFunction, StringBuilder sql, Step s) {
        sql.append(requireFunction).append("(NOT EXISTS (").append(s.sql()).append("), '").append(s.label())
                .append("')");
    }

    /** The table an unchecked step writes ({@code INSERT INTO t ...} or {@code DELETE FROM t ...}), or null. */
    private static String writtenTable(Step s) {
        String sql = s.sql();
        String head = sql.startsWith("INSERT INTO ") ? "INSERT INTO " : sql.startsWith("DELETE FROM ") ? "DELETE FROM "
                : null;
        if (head == null) {
            return null;
        }
        int end = sql.indexOf(' ', head.length());
        return end < 0 ? null : sql.substring(head.length(), end);
    }
}
