package dev.ratchet.jdbc.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A small fixed-size connection pool over another {@link DataSource}: at most {@code maxSize} connections, created on
 * demand and kept until {@link #close()}. It exists so the embedded store needs no pooling library; PostgreSQL users
 * normally bring their own pool.
 *
 * <p>A borrowed connection is a proxy whose {@code close()} returns the physical connection. A connection is reset on
 * return (rolled back, auto-commit on) and discarded if it is closed or fails that reset; one that sat idle for a while
 * is validated before it is lent again.
 */
public final class ConnectionPool implements DataSource, AutoCloseable {
    private static final long VALIDATE_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final DataSource source;
    private final int maxSize;
    private final long borrowTimeoutNanos;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<Idle> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    private record Idle(Connection connection, long since) {
    }

    /**
     * Creates a pool.
     *
     * @param source        where physical connections come from
     * @param maxSize       the most connections open at once
     * @param borrowTimeout how long {@link #getConnection()} waits for a free connection
     */
    public ConnectionPool(DataSource source, int maxSize, Duration borrowTimeout) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be at least 1, was " + maxSize);
        }
        this.source = source;
        this.maxSize = maxSize;
        this.borrowTimeoutNanos = borrowTimeout.toNanos();
        this.permits = new Semaphore(maxSize, true);
    }

    /** The most connections this pool opens at once. */
    public int maxSize() {
        return maxSize;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (closed) {
            // No SQLSTATE: waiting and retrying cannot help, so callers must not treat it as transient.
            throw new SQLNonTransientConnectionException("The connection pool is closed");
        }
        try {
            if (!permits.tryAcquire(borrowTimeoutNanos, TimeUnit.NANOSECONDS)) {
                throw new SQLTransientConnectionException("No database connection free after "
                        + Duration.ofNanos(borrowTimeoutNanos).toMillis() + " ms (pool of " + maxSize + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while waiting for a database connection", "08001", e);
        }
        try {
            return lend(physical());
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private Connection physical() throws SQLException {
        for (Idle candidate; (candidate = idle.pollFirst()) != null; ) {
            Connection c = candidate.connection();
            if (System.nanoTime() - candidate.since() < VALIDATE_AFTER_IDLE_NANOS || isValid(c)) {
                return c;
            }
            closeQuietly(c);
        }
        return source.getConnection();
    }

    private static boolean isValid(Connection c) {
        try {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private Connection lend(Connection physical) {
        return (Connection) Proxy.newProxyInstance(ConnectionPool.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Lent(physical));
    }

    /** Takes a connection back; called once per borrow by the proxy's close(). */
    private void giveBack(Connection physical) {
        try {
            if (closed || physical.isClosed()) {
                closeQuietly(physical);
                return;
            }
            if (!physical.getAutoCommit()) {
                physical.rollback();
                physical.setAutoCommit(true);
            }
            idle.addFirst(new Idle(physical, System.nanoTime()));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(physical);
        } finally {
            permits.release();
        }
        if (closed) {
            drainIdle();
        }
    }

    /** Closes idle connections now and borrowed ones when they come back. */
    @Override
    public void close() {
        closed = true;
        drainIdle();
    }

    private void drainIdle() {
        for (Idle i; (i = idle.pollFirst()) != null; ) {
            closeQuietly(i.connection());
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // Nothing useful to do about a connection that fails to close.
        }
    }

    /** The proxy behind a borrowed connection. */
    private final class Lent implements InvocationHandler {
        private final Connection physical;
        private boolean returned;

        Lent(Connection physical) {
            this.physical = physical;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (!returned) {
                        returned = true;
                        giveBack(physical);
                    }
                    return null;
                }
                case "isClosed" -> {
                    return returned || physical.isClosed();
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "pooled " + physical;
                }
                default -> {
                    if (returned) {
                        throw new SQLException("Connection already returned to the pool", "08003");
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("The pool's credentials are fixed by its source DataSource");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return source.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        source.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        source.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return source.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return source.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return source.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || source.isWrapperFor(type);
    }
}
