package dev.ratchet.jdbc.internal;

import dev.ratchet.engine.store.WorkListener;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL work hints: one long-lived connection LISTENs on the tables' channel (fed by the triggers of schema
 * version 2 and by {@code Leases}) and passes each notification to the subscribed {@link WorkListener}s. The
 * connection is opened on the first subscription and reopened with a growing back-off whenever it fails, on a daemon
 * thread. Thread-safe.
 *
 * <p>Design note: hints are only hints. Notifications sent while the connection is down are lost, and the engines'
 * polling finds that work; nothing here may block or fail a store call.
 */
public final class PgNotifications implements AutoCloseable {
    /** The {@code application_name} prefix of the listening connection, which tells it apart in pg_stat_activity. */
    public static final String APPLICATION_NAME = "ratchet-listen ";

    private static final Logger log = LoggerFactory.getLogger(PgNotifications.class);
    private static final int WAIT_MS = 500;
    private static final long PING_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 10_000;

    private final DataSource dataSource;
    private final Tables tables;
    private final List<WorkListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private Thread thread;

    PgNotifications(DataSource dataSource, Tables tables) {
        this.dataSource = dataSource;
        this.tables = tables;
    }

    /** A listener for the store of {@code schema} and {@code tablePrefix}, listening on {@code dataSource}. */
    public static PgNotifications of(DataSource dataSource, String schema, String tablePrefix) {
        return new PgNotifications(dataSource, new Tables(schema, tablePrefix));
    }

    /** Adds a listener, starting the listening thread on first use; closing the result removes it. */
    public synchronized AutoCloseable subscribe(WorkListener listener) {
        listeners.add(listener);
        if (thread == null && closed.getCount() > 0) {
            thread = Thread.ofPlatform().daemon().name("ratchet-pg-listen-" + tables).start(this::run);
        }
        return () -> listeners.remove(listener);
    }

    private void run() {
        long backoff = FIRST_BACKOFF_MS;
        while (!isClosed()) {
            try (Connection c = dataSource.getConnection()) {
                String channel = listen(c);
                backoff = FIRST_BACKOFF_MS;
                receive(c, channel);
            } catch (SQLException | RuntimeException e) {
                if (isClosed()) {
                    break;
                }
                log.warn("listening for work hints on {} failed ({}); reconnecting in {} ms (polling meanwhile)",
                        tables, e.toString(), backoff);
                try {
                    if (closed.await(backoff, TimeUnit.MILLISECONDS)) {
                        break;
                    }
                } catch (InterruptedException ie) {
                    break;
                }
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    /** Subscribes the connection to the channel; returns the channel's name. */
    private String listen(Connection c) throws SQLException {
        c.setAutoCommit(true);
        String channel;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + tables.channelSql())) {
            rs.next();
            channel = rs.getString(1);
        }
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN \"" + channel.replace("\"", "\"\"") + "\"");
            // Named after LISTEN took effect, so whoever sees the name knows hints flow (tests rely on it).
            s.execute("SET application_name = '" + (APPLICATION_NAME + channel).replace("'", "''") + "'");
        }
        log.debug("listening for work hints on channel {}", channel);
        return channel;
    }

    /** Passes notifications on until the connection fails or the store closes. */
    private void receive(Connection c, String channel) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long quietSince = System.nanoTime();
        while (!isClosed()) {
            PGNotification[] batch = pg.getNotifications(WAIT_MS);
            if (batch != null && batch.length > 0) {
                quietSince = System.nanoTime();
                for (PGNotification n : batch) {
                    if (channel.equals(n.getName())) {
                        dispatch(n.getParameter());
                    }
                }
            } else if (System.nanoTime() - quietSince > PING_AFTER_IDLE_NANOS) {
                // A silently lost connection (no FIN/RST) never fails getNotifications: probe it now and then.
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                quietSince = System.nanoTime();
            }
        }
    }

    private void dispatch(String payload) {
        for (WorkListener l : listeners) {
            try {
                if (payload.equals("t")) {
                    l.timersChanged();
                } else if (payload.startsWith("w:")) {
                    l.workflowTasksAvailable(payload.substring(2));
                } else if (payload.startsWith("a:")) {
                    l.activityTasksAvailable(payload.substring(2));
                }
            } catch (RuntimeException e) {
                log.warn("a work listener failed on hint {}: {}", payload, e.toString());
            }
        }
    }

    private boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** Stops listening and closes the connection; idempotent. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed.countDown();
            t = thread;
        }
        listeners.clear();
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5)); // it notices within WAIT_MS and closes its connection
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
