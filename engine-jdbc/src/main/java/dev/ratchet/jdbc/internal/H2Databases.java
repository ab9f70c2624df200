package dev.ratchet.jdbc.internal;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.StoreException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Embedded H2 databases: their URLs, and the rule that one H2 database has one owner.
 *
 * <p>Durability: H2 writes committed changes lazily by default ({@code WRITE_DELAY} 500 ms), so a killed JVM loses
 * up to half a second of acknowledged commits. {@code WRITE_DELAY=0} makes each COMMIT write its changes to the file
 * before it returns, which survives a process kill (the operating system holds the written pages); it does not fsync,
 * so a power failure can still lose the last commits.
 *
 * <p>Parsing: H2 keeps only the last 8 parsed statements per session by default, fewer than the distinct statements
 * of one group commit, so every statement was parsed again; {@code QUERY_CACHE_SIZE=64} keeps them all.
 *
 * <p>Ownership: H2 locks the file against other processes and fails their connections with "Database may be already
 * in use" (90020); within one JVM, connections to the same file simply share it, so this class keeps the set of
 * databases opened by a store and refuses a second store.
 */
public final class H2Databases {
    private static final Pattern MEMORY_NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Set<String> OPEN = ConcurrentHashMap.newKeySet();
    private static final String SETTINGS = ";WRITE_DELAY=0;DEFAULT_LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64";

    private H2Databases() {
    }

    /** The absolute path of a database file without extension, checked for what an H2 URL cannot carry. */
    public static Path filePath(String pathWithoutExtension) {
        InvalidArgumentException.requireNonBlank(pathWithoutExtension, "pathWithoutExtension");
        if (pathWithoutExtension.contains(";")) {
            throw new InvalidArgumentException("pathWithoutExtension must not contain ';' (H2 reads it as a setting): "
                    + pathWithoutExtension);
        }
        String path = pathWithoutExtension.endsWith(".mv.db")
                ? pathWithoutExtension.substring(0, pathWithoutExtension.length() - ".mv.db".length())
                : pathWithoutExtension;
        return Path.of(path).toAbsolutePath().normalize();
    }

    /** Checks the name of an in-memory database. */
    public static String memoryName(String name) {
        if (name == null || !MEMORY_NAME.matcher(name).matches()) {
            throw new InvalidArgumentException("the in-memory database name must be 1 to 100 characters from"
                    + " A-Z, a-z, 0-9, '_' and '-', was: " + name);
        }
        return name;
    }

    /** A data source for an H2 file; H2 adds ".mv.db" to the path. */
    public static DataSource fileDataSource(Path path) {
        return dataSource("jdbc:h2:file:" + path + SETTINGS);
    }

    /** A data source for a named in-memory database, which lives while a connection to it is open. */
    public static DataSource memoryDataSource(String name) {
        return dataSource("jdbc:h2:mem:" + name + SETTINGS);
    }

    private static DataSource dataSource(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    /** Claims a database for one store of this JVM; {@link #release} gives it back. */
    public static void reserve(String key, String description) {
        if (!OPEN.add(key)) {
            throw new StoreException("The H2 database " + description + " is already open by another JdbcStore in"
                    + " this JVM. Share that store (one per database), or close it first.");
        }
    }

    /** Gives back a database claimed with {@link #reserve}. */
    public static void release(String key) {
        OPEN.remove(key);
    }

    /** Turns H2's "already in use" error into an explanation of the one-JVM rule; other errors pass through. */
    public static RuntimeException explainOpenFailure(RuntimeException error, String description) {
        if (SqlErrors.hasErrorCode(error, SqlErrors.H2_DATABASE_IN_USE)) {
            return new StoreException("The H2 database file " + description + " is in use by another process. An H2"
                    + " file can be opened by one JVM only; to run several JVMs on one store, use PostgreSQL"
                    + " (JdbcStore.postgres).", error);
        }
        return error;
    }
}
