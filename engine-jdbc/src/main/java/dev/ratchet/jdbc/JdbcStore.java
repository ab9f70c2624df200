package dev.ratchet.jdbc;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.StoreException;
import dev.ratchet.engine.store.ActivityTask;
import dev.ratchet.engine.store.CommitResult;
import dev.ratchet.engine.store.DueTimer;
import dev.ratchet.engine.store.HeartbeatResult;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.RunCommit;
import dev.ratchet.engine.store.RunRecord;
import dev.ratchet.engine.store.WorkListener;
import dev.ratchet.engine.store.WorkflowStore;
import dev.ratchet.engine.store.WorkflowTaskClaim;
import dev.ratchet.jdbc.internal.ConnectionPool;
import dev.ratchet.jdbc.internal.Dialect;
import dev.ratchet.jdbc.internal.H2Databases;
import dev.ratchet.jdbc.internal.PgNotifications;
import dev.ratchet.jdbc.internal.SqlStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The JDBC workflow store: an embedded H2 file for one JVM ({@link #h2File}), or PostgreSQL shared by many JVMs
 * ({@link #postgres}). The engine calls {@link #open()}, which creates or migrates the tables.
 *
 * <pre>{@code
 * WorkflowStore store = JdbcStore.h2File("./data/orders");
 * WorkflowStore shared = JdbcStore.builder().schema("ratchet").postgres(dataSource);
 * }</pre>
 *
 * <p>Work hints ({@link #subscribe}): on PostgreSQL, triggers NOTIFY when a task becomes claimable by any engine and
 * one connection per store LISTENs, so engines of other JVMs react at once instead of at their next poll. H2 sends
 * none: one JVM owns an H2 database, where an engine's own commits already wake its workers directly, and engines
 * sharing one H2 store in a JVM fall back to polling. Thread-safe.
 */
public final class JdbcStore implements WorkflowStore {
    /** The prefix of every table name unless {@link Builder#tablePrefix} says otherwise. */
    public static final String DEFAULT_TABLE_PREFIX = "ratchet_";

    private static final Pattern IDENTIFIER = Pattern.compile("^[a-z_][a-z0-9_]{0,40}$");

    private final SqlStore store;
    private final String description;
    private final AutoCloseable ownedDataSource;
    private final String reservedFile;
    private final Dialect dialect;
    private final PgNotifications notifications;
    private boolean opened;
    private volatile boolean closed;

    private JdbcStore(SqlStore store, String description, Dialect dialect, AutoCloseable ownedDataSource,
            String reservedFile, PgNotifications notifications) {
        this.store = store;
        this.notifications = notifications;
        this.description = description;
        this.dialect = dialect;
        this.ownedDataSource = ownedDataSource;
        this.reservedFile = reservedFile;
    }

    /**
     * A store in an embedded H2 database file, for one JVM. Every acknowledged commit is written to the file before
     * it returns, so it survives the process being killed.
     *
     * @param pathWithoutExtension the file's path; H2 adds {@code .mv.db}
     */
    public static JdbcStore h2File(String pathWithoutExtension) {
        return builder().h2File(pathWithoutExtension);
    }

    /**
     * A store in a named H2 in-memory database, for tests. Stores of this JVM that use the same name share the
     * database, which disappears when the last of them closes.
     */
    public static JdbcStore h2InMemory(String name) {
        return builder().h2InMemory(name);
    }

    /**
     * A store in PostgreSQL (12 or newer), which several JVMs may share. Give a pooled data source whose connections
     * have a socket timeout (PostgreSQL JDBC {@code socketTimeout}), so that a lost connection fails instead of
     * hanging; the store uses a few connections per engine at once.
     */
    public static JdbcStore postgres(DataSource dataSource) {
        return builder().postgres(dataSource);
    }

    /** Options: schema, table prefix, pool size. */
    public static Builder builder() {
        return new Builder();
    }

    /** Creates or migrates the tables; a second call does nothing. */
    @Override
    public synchronized void open() {
        if (closed) {
            throw new StoreException("The store " + description + " is closed");
        }
        if (opened) {
            return;
        }
        if (reservedFile != null) {
            H2Databases.reserve(reservedFile, description);
        }
        try {
            store.open();
        } catch (RuntimeException e) {
            if (reservedFile != null) {
                H2Databases.release(reservedFile);
            }
            throw dialect == Dialect.H2 ? H2Databases.explainOpenFailure(e, description) : e;
        }
        opened = true;
    }

    @Override
    public List<CommitResult> commit(List<RunCommit> commits) {
        return live().commit(commits);
    }

    @Override
    public List<HistoryEvent> loadHistory(String runId, long fromSeq) {
        return live().loadHistory(runId, fromSeq);
    }

    @Override
    public Optional<RunRecord> findByWorkflowId(String workflowId) {
        return live().findByWorkflowId(workflowId);
    }

    @Override
    public List<RunRecord> listRuns(dev.ratchet.engine.store.RunQuery query) {
        return live().listRuns(query);
    }

    @Override
    public Optional<RunRecord> findRun(String runId) {
        return live().findRun(runId);
    }

    @Override
    public List<WorkflowTaskClaim> claimWorkflowTasks(Collection<String> taskQueues, String owner, int max,
            Duration lease, long nowMillis) {
        return live().claimWorkflowTasks(taskQueues, owner, max, lease, nowMillis);
    }

    @Override
    public Optional<WorkflowTaskClaim> claimWorkflowTask(String runId, String owner, Duration lease) {
        return live().claimWorkflowTask(runId, owner, lease);
    }

    @Override
    public boolean releaseWorkflowTask(String runId, long fence, long availableAt) {
        return live().releaseWorkflowTask(runId, fence, availableAt);
    }

    @Override
    public List<ActivityTask> claimActivityTasks(Collection<String> taskQueues, String owner, int max,
            Duration lease, long nowMillis) {
        return live().claimActivityTasks(taskQueues, owner, max, lease, nowMillis);
    }

    @Override
    public boolean retryActivity(String runId, String activityId, long fence, long availableAt,
            String lastFailure) {
        return live().retryActivity(runId, activityId, fence, availableAt, lastFailure);
    }

    @Override
    public List<ActivityTask> claimTimedOutActivityTasks(String owner, int max, Duration lease, long nowMillis) {
        return live().claimTimedOutActivityTasks(owner, max, lease, nowMillis);
    }

    @Override
    public Optional<Long> nextActivityDeadline() {
        return live().nextActivityDeadline();
    }

    @Override
    public HeartbeatResult heartbeatActivity(String runId, String activityId, long fence, String details,
            long nowMillis) {
        return live().heartbeatActivity(runId, activityId, fence, details, nowMillis);
    }

    @Override
    public boolean detachActivity(String runId, String activityId, long fence) {
        return live().detachActivity(runId, activityId, fence);
    }

    @Override
    public boolean requestActivityCancel(String runId, String activityId) {
        return live().requestActivityCancel(runId, activityId);
    }

    @Override
    public Optional<ActivityTask> findActivityTask(String runId, String activityId) {
        return live().findActivityTask(runId, activityId);
    }

    @Override
    public int renewLeases(String owner, Duration lease) {
        return live().renewLeases(owner, lease);
    }

    @Override
    public void releaseLeases(String owner) {
        live().releaseLeases(owner);
    }

    @Override
    public List<DueTimer> dueTimers(long nowMillis, int max) {
        return live().dueTimers(nowMillis, max);
    }

    @Override
    public Optional<Long> nextTimerDue() {
        return live().nextTimerDue();
    }

    @Override
    public dev.ratchet.engine.store.VersionCounts countOpenRunsByVersion(String workflowType, String changeId) {
        return live().countOpenRunsByVersion(workflowType, changeId);
    }

    @Override
    public void putRequest(dev.ratchet.engine.store.MessageRequest request) {
        live().putRequest(request);
    }

    @Override
    public List<dev.ratchet.engine.store.MessageRequest> claimRequests(Collection<String> taskQueues,
            Collection<String> workflowTypes, String owner, int max, Duration lease, long nowMillis) {
        return live().claimRequests(taskQueues, workflowTypes, owner, max, lease, nowMillis);
    }

    @Override
    public boolean answerRequest(String requestId, String owner, String answer) {
        return live().answerRequest(requestId, owner, answer);
    }

    @Override
    public Optional<String> takeAnswer(String requestId) {
        return live().takeAnswer(requestId);
    }

    @Override
    public boolean withdrawRequest(String requestId) {
        return live().withdrawRequest(requestId);
    }

    @Override
    public boolean deleteTimer(String runId, String timerId) {
        return live().deleteTimer(runId, timerId);
    }

    @Override
    public int unparkRuns(Collection<String> workflowTypes) {
        return live().unparkRuns(workflowTypes);
    }

    /**
     * PostgreSQL: hints from every engine sharing the tables, through one listening connection opened on the first
     * subscription (see {@link Builder#listenDataSource}); H2: none (polling only).
     */
    @Override
    public AutoCloseable subscribe(WorkListener listener) {
        InvalidArgumentException.requireNonNull(listener, "listener");
        live();
        return notifications == null ? () -> { } : notifications.subscribe(listener);
    }

    /**
     * Closes the connections this store opened, and a given data source only if {@link Builder#closeDataSource} said
     * so; idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (notifications != null) {
            notifications.close();
        }
        store.close();
        try {
            if (ownedDataSource != null) {
                ownedDataSource.close();
            }
        } catch (Exception e) {
            throw new StoreException("Could not close the data source of " + description, e);
        } finally {
            releaseFile();
        }
    }

    private void releaseFile() {
        if (reservedFile != null && opened) {
            H2Databases.release(reservedFile);
            opened = false;
        }
    }

    /** The delegate, unless this store is closed. */
    private SqlStore live() {
        if (closed) {
            throw new StoreException("The store " + description + " is closed");
        }
        return store;
    }

    @Override
    public String toString() {
        return "JdbcStore[" + description + "]";
    }

    /** Options for a {@link JdbcStore}; finish with {@link #h2File}, {@link #h2InMemory} or {@link #postgres}. */
    public static final class Builder {
        private String schema;
        private String tablePrefix = DEFAULT_TABLE_PREFIX;
        private int maxPoolSize = 8;
        private boolean closeDataSource;
        private DataSource listenDataSource;

        private Builder() {
        }

        /**
         * The schema of the tables (created if missing); default: the connection's current schema. Lower-case
         * letters, digits and '_', starting with a letter or '_', at most 41 characters.
         */
        public Builder schema(String schema) {
            this.schema = identifier(schema, "schema");
            return this;
        }

        /** The prefix of every table name, default {@value #DEFAULT_TABLE_PREFIX}; same characters as a schema. */
        public Builder tablePrefix(String tablePrefix) {
            this.tablePrefix = identifier(tablePrefix, "tablePrefix");
            return this;
        }

        /**
         * The most connections an H2 in-memory store opens at once, default 8. An H2 file store always uses one
         * connection: that is what keeps its commits durable across a kill (see {@link JdbcStore#h2File}).
         */
        public Builder maxPoolSize(int maxPoolSize) {
            if (maxPoolSize < 1 || maxPoolSize > 1000) {
                throw new InvalidArgumentException("maxPoolSize must be between 1 and 1000, was " + maxPoolSize);
            }
            this.maxPoolSize = maxPoolSize;
            return this;
        }

        /**
         * Whether {@link JdbcStore#close()} also closes the data source given to {@link #postgres}, when it is
         * {@link AutoCloseable} (a pool made for this store alone); default false.
         */
        public Builder closeDataSource(boolean close) {
            this.closeDataSource = close;
            return this;
        }

        /**
         * PostgreSQL: where the store opens the one long-lived connection on which it LISTENs for work hints; default
         * the data source given to {@link #postgres}, of which it then holds one connection while engines run. A
         * plain, unpooled data source (such as {@code PGSimpleDataSource}) is best, with a socket timeout above 1 s.
         */
        public Builder listenDataSource(DataSource dataSource) {
            this.listenDataSource = InvalidArgumentException.requireNonNull(dataSource, "listenDataSource");
            return this;
        }

        /** A store in an H2 file for this JVM only; see {@link JdbcStore#h2File}. */
        public JdbcStore h2File(String pathWithoutExtension) {
            Path path = H2Databases.filePath(pathWithoutExtension);
            // Design note: one connection, so one transaction commits at a time. With WRITE_DELAY=0, H2 writes a
            // commit to the file before COMMIT returns only when no other commit is being written at that moment
            // (MVStore.tryCommit skips when busy): with concurrent connections a kill -9 lost acknowledged commits
            // and even tore transactions apart (CrashRecoveryH2FileTest). Group commit keeps one connection fast.
            return h2(H2Databases.fileDataSource(path), path + ".mv.db", path.toString(), 1);
        }

        /** A store in a named H2 in-memory database; see {@link JdbcStore#h2InMemory}. */
        public JdbcStore h2InMemory(String name) {
            String checked = H2Databases.memoryName(name);
            return h2(H2Databases.memoryDataSource(checked), "mem:" + checked, null, maxPoolSize);
        }

        /** A store in PostgreSQL; see {@link JdbcStore#postgres}. */
        public JdbcStore postgres(DataSource dataSource) {
            InvalidArgumentException.requireNonNull(dataSource, "dataSource");
            SqlStore store = new SqlStore(dataSource, Dialect.POSTGRES, schema, tablePrefix);
            String where = "PostgreSQL " + (schema == null ? "" : schema + ".") + tablePrefix + "*";
            AutoCloseable owned = closeDataSource && dataSource instanceof AutoCloseable c ? c : null;
            PgNotifications hints = PgNotifications.of(listenDataSource != null ? listenDataSource : dataSource,
                    schema, tablePrefix);
            return new JdbcStore(store, where, Dialect.POSTGRES, owned, null, hints);
        }

        /** {@code fileKey}: the file to reserve for this store, or null for an in-memory database, which is shared. */
        private JdbcStore h2(DataSource source, String description, String fileKey, int connections) {
            ConnectionPool pool = new ConnectionPool(source, connections, Duration.ofSeconds(30));
            SqlStore store = new SqlStore(pool, Dialect.H2, schema, tablePrefix);
            return new JdbcStore(store, description, Dialect.H2, pool, fileKey, null);
        }

        private static String identifier(String value, String name) {
            if (value == null || !IDENTIFIER.matcher(value).matches()) {
                throw new InvalidArgumentException(name + " '" + value + "' is not allowed: use 1 to 41 characters"
                        + " from a-z, 0-9 and '_', starting with a letter or '_' (pattern " + IDENTIFIER + ")");
            }
            return value;
        }
    }
}
