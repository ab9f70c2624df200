package dev.ratchet.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A minimal fixed-size connection pool, so a benchmark never opens more than {@code maxSize} connections. Connections
 * are opened on demand and kept until {@link #close()}. A borrowed connection is a proxy whose {@code close()} rolls
 * back any open transaction, restores auto-commit and returns the physical connection; one that fails that reset is
 * discarded. Thread-safe.
 */
final class FixedPool implements DataSource, AutoCloseable {
    private final DataSource source;
    private final Semaphore permits;
    private final Duration borrowTimeout;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    FixedPool(DataSource source, int maxSize, Duration borrowTimeout) {
        this.source = source;
        this.permits = new Semaphore(maxSize, true);
        this.borrowTimeout = borrowTimeout;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (closed) {
            throw new SQLException("pool closed", "08003");
        }
        try {
            if (!permits.tryAcquire(borrowTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new SQLException("no free connection after " + borrowTimeout.toMillis() + " ms", "08001");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection", "08001", e);
        }
        try {
            Connection physical = idle.poll();
            if (physical == null || physical.isClosed()) {
                physical = source.getConnection();
            }
            return lend(physical);
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private Connection lend(Connection physical) {
        AtomicBoolean returned = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> {
                        if (returned.compareAndSet(false, true)) {
                            giveBack(physical);
                        }
                        yield null;
                    }
                    case "isClosed" -> returned.get() || physical.isClosed();
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "pooled " + physical;
                    default -> {
                        if (returned.get()) {
                            throw new SQLException("connection already returned to the pool", "08003");
                        }
                        yield invoke(method, physical, args);
                    }
                });
    }

    private static Object invoke(Method method, Connection target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void giveBack(Connection physical) {
        try {
            if (!physical.isClosed() && !physical.getAutoCommit()) {
                physical.rollback();
                physical.setAutoCommit(true);
            }
            if (closed || physical.isClosed()) {
                physical.close();
            } else {
                idle.offer(physical);
            }
        } catch (SQLException e) {
            closeQuietly(physical);
        } finally {
            permits.release();
        }
    }

    /** Closes the idle connections; connections still lent out are closed when they come back. */
    @Override
    public void close() {
        closed = true;
        for (Connection c; (c = idle.poll()) != null; ) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the connection is being discarded anyway
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's credentials are fixed");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // no log writer
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the borrow timeout applies instead
    }

    @Override
    public int getLoginTimeout() {
        return (int) borrowTimeout.toSeconds();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
