package dev.ratchet.jdbc.internal;

/**
 * The quoted, qualified names of the store's tables for one schema and table prefix. Identifiers are validated by
 * {@code JdbcStore.Builder} before they get here and are always quoted, so they never depend on case folding.
 */
final class Tables {
    final String schema;
    final String prefix;
    final String schemaVersion;
    final String workflowIds;
    final String runs;
    final String events;
    final String workflowTasks;
    final String activityTasks;
    final String timers;
    /** The getVersion markers of runs (schema version 5), for counting open runs per change and version. */
    final String runVersions;
    /** Message requests in flight (schema version 5), see {@code Requests}. */
    final String requests;
    /** The PostgreSQL function that aborts a one-trip commit whose precondition failed (see {@link FastCommit}). */
    final String requireFunction;

    Tables(String schema, String prefix) {
        this.schema = schema;
        this.prefix = prefix;
        this.schemaVersion = table("schema_version");
        this.workflowIds = table("workflow_ids");
        this.runs = table("runs");
        this.events = table("events");
        this.workflowTasks = table("workflow_tasks");
        this.activityTasks = table("activity_tasks");
        this.timers = table("timers");
        this.runVersions = table("run_versions");
        this.requests = table("requests");
        this.requireFunction = table("require");
    }

    /** The quoted schema, or null when tables live in the connection's default schema. */
    String quotedSchema() {
        return schema == null ? null : quote(schema);
    }

    /** An index name: unqualified, as both databases put an index in its table's schema. */
    String index(String name) {
        return quote(prefix + name);
    }

    /** A schema-qualified, quoted name of a function (or other schema object) of this prefix. */
    String function(String name) {
        return table(name);
    }

    /**
     * PostgreSQL: an SQL expression for the LISTEN/NOTIFY channel of these tables, at most 63 bytes (longer channel
     * names are refused); the connection's current schema stands in for an unset schema. Long names may share a
     * channel after truncation, which only costs spurious hints.
     */
    String channelSql() {
        String schemaSql = schema == null ? "current_schema()" : "'" + schema + "'";
        return "left(" + schemaSql + " || '." + prefix + "work', 63)";
    }

    private String table(String name) {
        String quoted = quote(prefix + name);
        return schema == null ? quoted : quote(schema) + "." + quoted;
    }

    private static String quote(String identifier) {
        return '"' + identifier + '"';
    }

    @Override
    public String toString() {
        return (schema == null ? "" : schema + ".") + prefix + "*";
    }
}
