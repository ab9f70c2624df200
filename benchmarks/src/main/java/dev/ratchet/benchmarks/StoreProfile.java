package dev.ratchet.benchmarks;

import dev.ratchet.engine.store.WorkflowStore;
import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Timing counters for {@code --profile}: every call of the store SPI, and (where the harness owns the connections, that
 * is on PostgreSQL) every SQL statement execution and commit, counted with its total and longest time. The report goes
 * to stderr, per workflow started. Wrapping is done with dynamic proxies, so it follows SPI changes without edits.
 * Thread-safe.
 */
final class StoreProfile {
    private static final int SQL_KEY_LENGTH = 110;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    private static final class Counter {
        final LongAdder calls = new LongAdder();
        final LongAdder items = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);

        void add(long elapsed, int itemCount) {
            calls.increment();
            items.add(itemCount);
            nanos.add(elapsed);
            maxNanos.accumulate(elapsed);
        }
    }

    /** The store with every SPI call counted under {@code store.<method>}; a list argument counts as its items. */
    WorkflowStore wrap(WorkflowStore store) {
        return proxy(WorkflowStore.class, (p, method, args) -> {
            int items = args != null && args.length > 0 && args[0] instanceof List<?> l ? l.size() : 1;
            return timed("store." + method.getName(), items, method, store, args);
        });
    }

    /**
     * A data source (the pool) whose {@code getConnection} waits are counted as {@code pool.getConnection}, and whose
     * connections count each statement execution ({@code sql <text>}) and each commit.
     */
    DataSource wrap(DataSource pool) {
        return proxy(DataSource.class, (p, method, args) -> method.getName().equals("getConnection")
                ? connection((Connection) timed("pool.getConnection", 1, method, pool, args))
                : invoke(method, pool, args));
    }

    private Connection connection(Connection c) {
        return proxy(Connection.class, (p, method, args) -> switch (method.getName()) {
            case "commit" -> timed("sql COMMIT", 1, method, c, args);
            case "rollback" -> timed("sql ROLLBACK", 1, method, c, args);
            case "prepareStatement", "prepareCall" -> statement((Statement) invoke(method, c, args), (String) args[0]);
            case "createStatement" -> statement((Statement) invoke(method, c, args), null);
            default -> invoke(method, c, args);
        });
    }

    /** A statement whose executions are counted by SQL text; a batch counts its rows as items. */
    private Statement statement(Statement statement, String preparedSql) {
        Class<? extends Statement> type = statement instanceof CallableStatement ? CallableStatement.class
                : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        int[] batched = new int[1];
        return proxy(type, (p, method, args) -> {
            String name = method.getName();
            if (name.equals("addBatch")) {
                batched[0]++;
            } else if (name.startsWith("execute")) {
                String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : preparedSql;
                boolean batch = name.contains("Batch");
                int items = batch ? Math.max(batched[0], 1) : 1;
                batched[0] = batch ? 0 : batched[0];
                return timed("sql " + sqlKey(sql) + (batch ? " [batch]" : ""), items, method, statement, args);
            }
            return invoke(method, statement, args);
        });
    }

    private Object timed(String key, int items, Method method, Object target, Object[] args) throws Throwable {
        long t0 = System.nanoTime();
        try {
            return invoke(method, target, args);
        } finally {
            count(key, System.nanoTime() - t0, items);
        }
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(StoreProfile.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void count(String key, long nanos, int items) {
        counters.computeIfAbsent(key, k -> new Counter()).add(nanos, items);
    }

    private static String sqlKey(String sql) {
        if (sql == null) {
            return "?";
        }
        String flat = sql.replaceAll("\\s+", " ").trim();
        return flat.length() <= SQL_KEY_LENGTH ? flat : flat.substring(0, SQL_KEY_LENGTH) + "…";
    }

    /** Forgets everything counted so far (at the end of a warm-up). */
    void reset() {
        counters.clear();
    }

    /** Prints the counters, largest total time first, with calls and milliseconds per workflow started. */
    void report(PrintStream out, String title, long workflows) {
        List<Map.Entry<String, Counter>> rows = new ArrayList<>(counters.entrySet());
        rows.sort(Comparator.comparingLong((Map.Entry<String, Counter> e) -> e.getValue().nanos.sum()).reversed());
        long perWf = Math.max(workflows, 1);
        out.printf("%n--- profile: %s, %d workflows started ---%n", title, workflows);
        out.printf("%10s %9s %10s %9s %9s %9s  %s%n", "calls", "calls/wf", "items/call", "total ms", "ms/wf",
                "max ms", "what");
        for (Map.Entry<String, Counter> e : rows) {
            Counter c = e.getValue();
            long calls = c.calls.sum();
            out.printf("%10d %9.2f %10.2f %9.1f %9.3f %9.2f  %s%n", calls, calls / (double) perWf,
                    c.items.sum() / (double) Math.max(calls, 1), Stats.millis(c.nanos.sum()),
                    Stats.millis(c.nanos.sum()) / perWf, Stats.millis(c.maxNanos.get()), e.getKey());
        }
        out.flush();
    }
}
