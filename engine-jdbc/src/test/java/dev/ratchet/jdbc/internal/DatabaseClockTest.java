package dev.ratchet.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.jdbc.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Leases are judged by {@link Dialect#nowMillis()}: it must be epoch milliseconds in UTC, like the JVM's clock. */
class DatabaseClockTest {
    @Test
    void h2NowIsEpochMillis() throws SQLException {
        assertNowIsEpochMillis(H2Databases.memoryDataSource("clock_" + UUID.randomUUID().toString().replace("-", "")),
                Dialect.H2);
    }

    @Test
    void postgresNowIsEpochMillis() throws SQLException {
        TestDatabases.requirePostgres();
        try (ConnectionPool ds = TestDatabases.postgresDataSource(null)) {
            assertNowIsEpochMillis(ds, Dialect.POSTGRES);
        }
    }

    private static void assertNowIsEpochMillis(DataSource ds, Dialect dialect) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String zone : new String[] {"UTC", "America/Los_Angeles"}) {
                s.execute("SET TIME ZONE '" + zone + "'");
                long before = System.currentTimeMillis();
                long db;
                try (ResultSet rs = s.executeQuery("SELECT " + dialect.nowMillis())) {
                    rs.next();
                    db = rs.getLong(1);
                }
                long after = System.currentTimeMillis();
                // The database runs on this machine: its clock agrees with the JVM's, to rounding.
                assertThat(db).as("%s in time zone %s", dialect, zone).isBetween(before - 1000, after + 1000);
            }
        }
    }
}
