package dev.ratchet.jdbc.internal;

import dev.ratchet.api.StoreException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Creates and upgrades the schema. Versions are applied in order inside one transaction and recorded in
 * {@code <prefix>schema_version}; a database already at the latest version is left untouched.
 *
 * <p>Concurrent engines: on PostgreSQL a migration holds an advisory lock, so a second engine waits and then finds the
 * work done (PostgreSQL DDL is transactional). An H2 database belongs to one JVM, within which
 * migrations take turns on a JVM-wide lock. H2 commits each DDL statement on its own, so every statement is written
 * to be repeatable ({@code IF NOT EXISTS}): a migration interrupted half-way completes on the next open.
 */
final class Migrations {
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final Tables t;

    Migrations(Jdbi jdbi, Dialect dialect, Tables tables) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.t = tables;
    }

    /** The statements of each version, index 0 being version 1. */
    private List<List<String>> versions() {
        return List.of(version1(), version2(), version3(), version4(), version5(), version6());
    }

    /** The latest schema version this code knows. */
    int latestVersion() {
        return versions().size();
    }

    /** Percent of each runs-table page that inserts fill on PostgreSQL; the rest is kept for updates. */
    static final int RUNS_FILL_FACTOR = 50;

    /** Serialises the migrations of the H2 stores of this JVM; H2 has no advisory lock. */
    private static final Object JVM_LOCK = new Object();

    void migrate() {
        if (dialect.locksMigrationsInDatabase()) {
            migrateUnderLock();
        } else {
            synchronized (JVM_LOCK) {
                migrateUnderLock();
            }
        }
    }

    private void migrateUnderLock() {
        try (Handle handle = jdbi.open()) {
            dialect.lockForMigration(handle);
            try {
                migrate(handle);
            } finally {
                dialect.unlockAfterMigration(handle);
            }
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw SqlErrors.wrap("Could not create or migrate the Ratchet tables " + t, e);
        }
    }

    /** Applies the missing versions in one transaction (one per statement on H2, whose DDL commits at once). */
    private void migrate(Handle handle) {
        handle.useTransaction(h -> {
            if (t.quotedSchema() != null) {
                h.execute("CREATE SCHEMA IF NOT EXISTS " + t.quotedSchema());
            }
            h.execute("CREATE TABLE IF NOT EXISTS " + t.schemaVersion + " (version INT PRIMARY KEY, "
                    + "applied_at BIGINT NOT NULL)");
            int current = h.createQuery("SELECT COALESCE(MAX(version), 0) FROM " + t.schemaVersion)
                    .mapTo(Integer.class).one();
            List<List<String>> all = versions();
            if (current > all.size()) {
                throw new StoreException("The Ratchet tables " + t + " are at schema version " + current
                        + ", newer than this Ratchet supports (" + all.size() + "); upgrade Ratchet");
            }
            for (int v = current + 1; v <= all.size(); v++) {
                for (String ddl : all.get(v - 1)) {
                    h.execute(ddl);
                }
                if (v == 5) {
                    backfillVersionMarkers(h);
                }
                h.createUpdate("INSERT INTO " + t.schemaVersion + " (version, applied_at) VALUES (?, "
                        + dialect.nowMillis() + ")").bind(0, v).execute();
            }
        });
    }

    /**
     * Version 2: on PostgreSQL, the function a one-trip commit calls to abort itself when a guarded write proves a
     * precondition false ({@link FastCommit}); it raises {@link SqlErrors#PRECONDITION_FAILED}. H2 needs nothing.
     */
    private List<String> version2() {
        if (dialect != Dialect.POSTGRES) {
            return List.of();
        }
        return List.of("CREATE OR REPLACE FUNCTION " + t.requireFunction + "(ok BOOLEAN, what TEXT) RETURNS BOOLEAN"
                + " LANGUAGE plpgsql AS $fn$ BEGIN IF ok IS NOT TRUE THEN RAISE EXCEPTION USING ERRCODE = '"
                + SqlErrors.PRECONDITION_FAILED + "', MESSAGE = 'Ratchet commit precondition failed: ' || what;"
                + " END IF; RETURN TRUE; END $fn$");
    }

    /**
     * Version 3, PostgreSQL: triggers that NOTIFY the tables' channel ({@link Tables#channelSql}) when a workflow or
     * activity task becomes claimable by any engine, with payload {@code w:<queue>} or {@code a:<queue>}. Nothing on
     * H2.
     *
     * <p>Design note: a committing transaction that notified takes a database-wide lock from pre-commit to the end of
     * commit, so notifying transactions commit one at a time. Only unclaimed rows notify: tasks pre-claimed by the
     * scheduling engine (the single-engine hot path) and claims, renewals and deletes never do. Repeated
     * notifications within a transaction are folded by PostgreSQL. Timers do not notify on insert: the engine that
     * creates a timer fires it itself; {@code Leases.releaseLeases} notifies {@code t} when it stops.
     */
    private List<String> version3() {
        if (dialect != Dialect.POSTGRES) {
            return List.of();
        }
        String fn = t.function("notify_work");
        String channel = "left(TG_TABLE_SCHEMA || '." + t.prefix + "work', 63)";
        List<String> ddl = new ArrayList<>();
        // Queue names are cut to 1,000 characters so the payload stays below PostgreSQL's 8,000-byte limit; longer
        // names then match no engine's queue, and such queues rely on polling.
        ddl.add("CREATE OR REPLACE FUNCTION " + fn + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " PERFORM pg_notify(" + channel + ", TG_ARGV[0] || ':' || left(NEW.task_queue, 1000));"
                + " RETURN NULL; END $$");
        for (String[] table : new String[][] {{t.workflowTasks, "workflow_tasks", "w"},
                {t.activityTasks, "activity_tasks", "a"}}) {
            ddl.add("CREATE TRIGGER " + t.index(table[1] + "_notify_insert") + " AFTER INSERT ON " + table[0]
                    + " FOR EACH ROW WHEN (NEW.lease_owner IS NULL) EXECUTE FUNCTION " + fn + "('" + table[2] + "')");
            ddl.add("CREATE TRIGGER " + t.index(table[1] + "_notify_release") + " AFTER UPDATE OF lease_owner ON "
                    + table[0] + " FOR EACH ROW WHEN (NEW.lease_owner IS NULL AND OLD.lease_owner IS NOT NULL)"
                    + " EXECUTE FUNCTION " + fn + "('" + table[2] + "')");
        }
        return ddl;
    }

    /** The first schema: every table, all times as BIGINT epoch milliseconds. */
    private List<String> version1() {
        String text = dialect.largeText();
        List<String> ddl = new ArrayList<>();
        // One row per workflow ID ever used: the unique key that makes a start idempotent across engines.
        ddl.add("CREATE TABLE IF NOT EXISTS " + t.workflowIds + " ("
                + "workflow_id VARCHAR NOT NULL PRIMARY KEY, "
                + "run_id VARCHAR NOT NULL)");
        // last_task_fence carries workflow-task fences across task rows, so a re-created task never reuses one.
        ddl.add("CREATE TABLE IF NOT EXISTS " + t.runs + " ("
                + "run_id VARCHAR NOT NULL PRIMARY KEY, "
                + "workflow_id VARCHAR NOT NULL, "
                + "workflow_type VARCHAR NOT NULL, "
                + "task_queue VARCHAR NOT NULL, "
                + "status VARCHAR(16) NOT NULL, "
                + "next_seq BIGINT NOT NULL, "
                + "last_task_fence BIGINT NOT NULL, "
                + "created_at BIGINT NOT NULL, "
                + "closed_at BIGINT, "
                + "parked_error " + text + ")");
        // Design note: on H2 an identity that runs out of cached values writes a whole extra chunk to the file; a large
        // cache removed most of that cost from the group commit. Keys only order claims, so gaps after a restart are
        // harmless. PostgreSQL keeps the default (a per-session cache would disorder claims across connections).
        String identity = dialect == Dialect.H2 ? "BIGINT GENERATED BY DEFAULT AS IDENTITY (CACHE 10000) PRIMARY KEY"
                : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
        ddl.add("CREATE TABLE IF NOT EXISTS " + t.events + " ("
                + "run_id VARCHAR NOT NULL, "
                + "seq BIGINT NOT NULL, "
                + "event_type VARCHAR NOT NULL, "
                + "event_time BIGINT NOT NULL, "
                + "attributes " + text + " NOT NULL, "
                + "commit_token BIGINT, "
                + "PRIMARY KEY (run_id, seq))");
        ddl.add("CREATE TABLE IF NOT EXISTS " + t.workflowTasks + " ("
                + "task_id " + identity + ", "
                + "run_id VARCHAR NOT NULL, "
                + "workflow_id VARCHAR NOT NULL, "
                + "task_queue VARCHAR NOT NULL, "
                + "available_at BIGINT NOT NULL, "
                + "lease_owner VARCHAR, "
                + "lease_expires_at BIGINT, "
                + "fence BIGINT NOT NULL, "
                + "CONSTRAINT " + t.index("workflow_tasks_run_uq") + " UNIQUE (run_id))");
        ddl.add("CREATE TABLE IF NOT EXISTS " + t.activityTasks + " ("
                + "task_id " + identity + ", "
                + "run_id VARCHAR NOT NULL, "
                + "workflow_id VARCHAR NOT NULL, "
                + "activity_id VARCHAR NOT NULL, "
                + "activity_type VARCHAR NOT NULL, "
                + "task_queue VARCHAR NOT NULL, "
                + "input " + text + ", "
                + "options " + text + ", "
                + "attempt INT NOT NULL, "
                + "available_at BIGINT NOT NULL, "
                + "lease_owner VARCHAR, "
                + "lease_expires_at BIGINT, "
                + "fence BIGINT NOT NULL, "
                + "last_failure " + text + ", "
                + "CONSTRAINT " + t.index("activity_tasks_run_uq") + " UNIQUE (run_id, activity_id))");
        ddl.add("CREATE TABLE IF NOT EXISTS " + t.timers + " ("
                + "timer_pk " + identity + ", "
                + "run_id VARCHAR NOT NULL, "
                + "timer_id VARCHAR NOT NULL, "
                + "fire_at BIGINT NOT NULL, "
                + "CONSTRAINT " + t.index("timers_run_uq") + " UNIQUE (run_id, timer_id))");
        ddl.add("CREATE INDEX IF NOT EXISTS " + t.index("timers_fire_at_idx") + " ON " + t.timers + " (fire_at)");
        if (dialect.indexesTaskQueues()) {
            // Claims read "queue = ? ORDER BY task_id"; renewals and releases read by owner.
            ddl.add("CREATE INDEX IF NOT EXISTS " + t.index("workflow_tasks_queue_idx") + " ON " + t.workflowTasks
                    + " (task_queue, task_id)");
            ddl.add("CREATE INDEX IF NOT EXISTS " + t.index("activity_tasks_queue_idx") + " ON " + t.activityTasks
                    + " (task_queue, task_id)");
            ddl.add("CREATE INDEX IF NOT EXISTS " + t.index("workflow_tasks_owner_idx") + " ON " + t.workflowTasks
                    + " (lease_owner) WHERE lease_owner IS NOT NULL");
            ddl.add("CREATE INDEX IF NOT EXISTS " + t.index("activity_tasks_owner_idx") + " ON " + t.activityTasks
                    + " (lease_owner) WHERE lease_owner IS NOT NULL");
        }
        return ddl;
    }

    /**
     * Version 5, the workflow toolkit's statuses and lookups: the run a run replaced (continue-as-new, ID reuse); the
     * closed statuses CANCELED, TERMINATED and CONTINUED_AS_NEW, which earlier versions stored as FAILED or
     * COMPLETED: rows closed before are rewritten from their closing event (the last one), so lists and counts by
     * status see them the same way; indexes for lists by status, type and time; the runs' getVersion markers
     * ({@link #backfillVersionMarkers}); and message requests in flight ({@link Requests}). Every statement is
     * repeatable.
     */
    private List<String> version5() {
        List<String> ddl = new ArrayList<>();
        ddl.add("ALTER TABLE " + t.runs + " ADD COLUMN IF NOT EXISTS replaces_run_id VARCHAR");
        // Lists read "status = ? [AND workflow_type = ?] ORDER BY created_at DESC, run_id DESC" from these (a list
        // over several statuses is a union of one such range per status, see Reads.listRuns), and version counts read
        // the open runs of a type from the second. A run's status changes when it closes, its other columns here never.
        ddl.add("CREATE INDEX IF NOT EXISTS " + t.index("runs_status_created_idx") + " ON " + t.runs
                + " (status, created_at DESC, run_id DESC)");
        ddl.add("CREATE INDEX IF NOT EXISTS " + t.index("runs_type_status_created_idx") + " ON " + t.runs
                + " (workflow_type, status, created_at DESC, run_id DESC)");
        // One row per getVersion change a run recorded, written with its MarkerRecorded event.
        ddl.add("CREATE TABLE IF NOT EXISTS " + t.runVersions + " ("
                + "run_id VARCHAR NOT NULL, "
                + "change_id VARCHAR NOT NULL, "
                + "version INT NOT NULL, "
                + "PRIMARY KEY (run_id, change_id))");
        // Updates and queries waiting for an engine that registers the run's type (see Requests).
        ddl.add("CREATE TABLE IF NOT EXISTS " + t.requests + " ("
                + "request_id VARCHAR NOT NULL PRIMARY KEY, "
                + "run_id VARCHAR NOT NULL, "
                + "workflow_type VARCHAR NOT NULL, "
                + "task_queue VARCHAR NOT NULL, "
                + "kind VARCHAR NOT NULL, "
                + "payload " + dialect.largeText() + " NOT NULL, "
                + "created_at BIGINT NOT NULL, "
                + "lease_owner VARCHAR, "
                + "lease_expires_at BIGINT, "
                + "answer " + dialect.largeText() + ")");
        ddl.add(closedBy("COMPLETED", "CONTINUED_AS_NEW", "e.event_type = 'WorkflowContinuedAsNew'"));
        ddl.add(closedBy("FAILED", "TERMINATED", "e.event_type = 'WorkflowTerminated'"));
        // the engine writes a failure's kind first: {"failure":{"kind":"canceled",...}}
        ddl.add(closedBy("FAILED", "CANCELED", "e.event_type = 'WorkflowFailed'"
                + " AND e.attributes LIKE '{\"failure\":{\"kind\":\"canceled\"%'"));
        return ddl;
    }

    /**
     * Version 5: the version markers of the runs open when it is applied, read from their histories (closed runs are
     * never counted, so they need none). Repeatable: a marker already present is kept.
     */
    private void backfillVersionMarkers(Handle h) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String[]> markers = new ArrayList<>();
        h.createQuery("SELECT e.run_id, e.attributes FROM " + t.events + " e JOIN " + t.runs + " r ON r.run_id ="
                + " e.run_id WHERE r.status IN ('RUNNING', 'PARKED') AND e.event_type = 'MarkerRecorded'"
                + " ORDER BY e.run_id, e.seq").map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                .forEach(row -> {
                    try {
                        com.fasterxml.jackson.databind.JsonNode a = json.readTree(row[1]);
                        if ("Version".equals(a.path("marker").asText()) && a.hasNonNull("id")) {
                            markers.add(new String[] {row[0], a.get("id").asText(),
                                    String.valueOf(a.path("version").asInt())});
                        }
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException("unreadable MarkerRecorded event of run " + row[0], e);
                    }
                });
        for (String[] m : markers) {
            h.createUpdate(insertVersionMarker(t)).bind(0, m[0]).bind(1, m[1]).bind(2, Integer.parseInt(m[2]))
                    .bind(3, m[0]).bind(4, m[1]).execute();
        }
    }

    /**
     * Inserts a run's version marker (run ID, change ID, version; then run ID and change ID again) unless the run
     * recorded that change before: the first version of a change is the one that counts. Commits of one run are
     * serialised by its row lock, so the check cannot race.
     */
    static String insertVersionMarker(Tables t) {
        return "INSERT INTO " + t.runVersions + " (run_id, change_id, version) SELECT CAST(? AS VARCHAR),"
                + " CAST(? AS VARCHAR), CAST(? AS INT) WHERE NOT EXISTS (SELECT 1 FROM " + t.runVersions
                + " WHERE run_id = ? AND change_id = ?)";
    }

    /** Rewrites the status {@code from} to {@code to} of the runs whose last event matches {@code closing}. */
    private String closedBy(String from, String to, String closing) {
        return "UPDATE " + t.runs + " r SET status = '" + to + "' WHERE r.status = '" + from + "' AND EXISTS (SELECT 1"
                + " FROM " + t.events + " e WHERE e.run_id = r.run_id AND e.seq = r.next_seq - 1 AND " + closing + ")";
    }

    /**
     * Version 4, activities in full: when each attempt started and last beat, heartbeat details, the four timeouts, the deadline
     * the timeout sweep claims by, cancellation requests and detachment (asynchronous completion).
     */
    private List<String> version4() {
        String text = dialect.largeText();
        String tasks = t.activityTasks;
        List<String> ddl = new ArrayList<>();
        for (String column : List.of("scheduled_at BIGINT NOT NULL DEFAULT 0", "started_at BIGINT NOT NULL DEFAULT 0",
                "heartbeat_at BIGINT NOT NULL DEFAULT 0", "heartbeat_details " + text,
                "schedule_to_close_at BIGINT NOT NULL DEFAULT 0", "schedule_to_start_ms BIGINT NOT NULL DEFAULT 0",
                "start_to_close_ms BIGINT NOT NULL DEFAULT 0", "heartbeat_ms BIGINT NOT NULL DEFAULT 0",
                "deadline_at BIGINT", "cancel_requested BOOLEAN NOT NULL DEFAULT FALSE",
                "detached BOOLEAN NOT NULL DEFAULT FALSE")) {
            ddl.add("ALTER TABLE " + tasks + " ADD COLUMN IF NOT EXISTS " + column);
        }
        // Rows from version 1 have no timeouts (so no deadline); give them the times a version-2 insert or claim
        // would have written. Both updates are repeatable.
        ddl.add("UPDATE " + tasks + " SET scheduled_at = available_at WHERE scheduled_at = 0");
        ddl.add("UPDATE " + tasks + " SET started_at = available_at WHERE started_at = 0 AND lease_owner IS NOT NULL");
        // The timeout sweep reads "deadline_at <= ? ORDER BY deadline_at"; NULL (no deadline) is most rows, so
        // PostgreSQL leaves it out of the index. H2 has no partial indexes, and its claim queries must keep reading
        // the primary key in order despite this index (H2ClaimTest checks their plans).
        ddl.add("CREATE INDEX IF NOT EXISTS " + t.index("activity_tasks_deadline_idx") + " ON " + tasks
                + " (deadline_at)" + (dialect == Dialect.H2 ? "" : " WHERE deadline_at IS NOT NULL"));
        return ddl;
    }

    /**
     * Version 6, PostgreSQL: free space in the runs table's pages. A run's row is updated with every commit of the run
     * (its next sequence number), a few times within milliseconds of its insert; with full pages most of those updates
     * could not stay on the row's page, so each wrote new entries into all three of the table's indexes. With room on
     * the page they are heap-only (HOT) updates that touch no index. Applies to pages written from now on. H2 has no
     * fill factor.
     */
    private List<String> version6() {
        if (dialect != Dialect.POSTGRES) {
            return List.of();
        }
        return List.of("ALTER TABLE " + t.runs + " SET (fillfactor = " + RUNS_FILL_FACTOR + ")");
    }
}
