package dev.ratchet.examples.support;

import dev.ratchet.jdbc.JdbcStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where an example keeps its workflows: an embedded H2 file under {@code ./ratchet-data/examples} by default, or
 * PostgreSQL with {@code --postgres} (at {@value #DEFAULT_POSTGRES_URL}) or {@code --postgres=jdbcUrl}, one schema per
 * example ({@code ex_<name>}; {@code --schema-prefix=p_} makes it {@code p_<name>}). {@code --dir=path} moves the H2
 * files. Immutable, thread-safe.
 *
 * @param h2Dir        the directory of the H2 files (used when {@code postgresUrl} is null)
 * @param postgresUrl  the PostgreSQL JDBC URL, or null for H2
 * @param schemaPrefix the prefix of the PostgreSQL schema names
 */
public record ExampleStore(Path h2Dir, String postgresUrl, String schemaPrefix) {
    /** PostgreSQL on this machine: user postgres (no password), database test. */
    public static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    /** Reads {@code --postgres[=jdbcUrl]} and {@code --dir=path} from a program's arguments; ignores the others. */
    public static ExampleStore fromArgs(String... args) {
        Path dir = Path.of("ratchet-data", "examples");
        String url = null;
        String prefix = "ex_";
        for (String a : args) {
            if (a.equals("--postgres")) {
                url = DEFAULT_POSTGRES_URL;
            } else if (a.startsWith("--postgres=")) {
                url = a.substring("--postgres=".length());
            } else if (a.startsWith("--dir=")) {
                dir = Path.of(a.substring("--dir=".length()));
            } else if (a.startsWith("--schema-prefix=")) {
                prefix = a.substring("--schema-prefix=".length());
            }
        }
        return new ExampleStore(dir, url, prefix);
    }

    /** An H2 store in {@code dir}. */
    public static ExampleStore h2(Path dir) {
        return new ExampleStore(dir, null, "ex_");
    }

    /** The arguments that select this store, to pass to a child JVM. */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of("--dir=" + h2Dir.toAbsolutePath()));
        if (postgresUrl != null) {
            args.add("--postgres=" + postgresUrl);
            args.add("--schema-prefix=" + schemaPrefix);
        }
        return args;
    }

    /** Where the store is, for the programs' output. */
    public String describe(String name) {
        return postgresUrl == null ? "H2 file " + h2Dir.resolve(name + ".mv.db") : "PostgreSQL schema " + schemaPrefix + name;
    }

    /** The store of example {@code name}, emptied first: each run of an example starts afresh. */
    public JdbcStore fresh(String name) {
        reset(name);
        return open(name);
    }

    /** Deletes what earlier runs of example {@code name} left: its H2 files or its PostgreSQL schema. */
    public void reset(String name) {
        if (postgresUrl == null) {
            deleteH2Files(name);
        } else {
            sql("DROP SCHEMA IF EXISTS " + schemaPrefix + name + " CASCADE");
        }
    }

    /** The store of example {@code name} as it is (to continue where another engine or JVM stopped). */
    public JdbcStore open(String name) {
        if (postgresUrl == null) {
            return JdbcStore.h2File(h2Dir.resolve(name).toString());
        }
        return JdbcStore.builder().schema(schemaPrefix + name).postgres(dataSource());
    }

    private PGSimpleDataSource dataSource() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(postgresUrl);
        source.setSocketTimeout(60);
        return source;
    }

    private void sql(String statement) {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach PostgreSQL at " + postgresUrl + ": " + e.getMessage(), e);
        }
    }

    private void deleteH2Files(String name) {
        try {
            Files.createDirectories(h2Dir);
            try (Stream<Path> files = Files.list(h2Dir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith(name + ".")).toList()) {
                    Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + h2Dir + " for " + name, e);
        }
    }
}
