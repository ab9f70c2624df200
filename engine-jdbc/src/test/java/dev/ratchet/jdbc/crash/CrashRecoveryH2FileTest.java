package dev.ratchet.jdbc.crash;

import dev.ratchet.jdbc.JdbcStore;
import dev.ratchet.jdbc.TestDatabases;
import dev.ratchet.jdbc.internal.ConnectionPool;
import dev.ratchet.jdbc.internal.H2Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

/** The crash test on an H2 file: only one JVM opens it at a time, so the test reads it only between children. */
class CrashRecoveryH2FileTest extends CrashRecovery {
    @TempDir
    Path dir;
    private Path path;

    @Override
    protected int workflows() {
        return 300;
    }

    @Override
    protected void createDatabase() {
        path = dir.resolve("crash").toAbsolutePath(); // the first child creates the file
    }

    @Override
    protected List<String> storeArgs() {
        return CrashWorker.h2Args(path);
    }

    @Override
    protected JdbcStore openStore() {
        return TestDatabases.h2File(path);
    }

    @Override
    protected DataSource openDataSource() {
        return new ConnectionPool(H2Databases.fileDataSource(H2Databases.filePath(path.toString())), 2,
                Duration.ofSeconds(30));
    }

    @Override
    protected void keepDatabase(Path logDir) throws Exception {
        for (String ext : List.of(".mv.db", ".trace.db")) {
            Path file = Path.of(path + ext);
            if (Files.exists(file)) {
                Files.copy(file, logDir.resolve("crash" + ext), StandardCopyOption.REPLACE_EXISTING);
                System.out.println("[crash h2file] kept " + logDir.resolve("crash" + ext).toAbsolutePath());
            }
        }
    }

    @Override
    protected void dropDatabase() {
        // @TempDir removes the file
    }

    @Override
    protected String storeName() {
        return "h2file";
    }
}
