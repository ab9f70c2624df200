package dev.ratchet.benchmarks;

import dev.ratchet.engine.store.WorkflowStore;
import dev.ratchet.jdbc.JdbcStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** An H2 file store in a fresh directory {@code <ratchet.bench.dir>/bench-h2/<random>}, deleted on close. */
final class H2Session implements StoreSession {
    private final Path directory;
    private final JdbcStore store;

    private H2Session(Path directory) {
        this.directory = directory;
        this.store = JdbcStore.h2File(directory.resolve("ratchet").toString());
    }

    static H2Session create() {
        Path base = Path.of(System.getProperty("ratchet.bench.dir", "target"), "bench-h2");
        Path directory = base.resolve(UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return new H2Session(directory);
    }

    @Override
    public WorkflowStore store() {
        return store;
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of();
    }

    @Override
    public void close() {
        store.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("Bench: could not delete " + directory + ": " + e);
        }
    }
}
