package dev.ratchet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.examples.entity.AccountEntity;
import dev.ratchet.examples.fanout.BatchProcessing;
import dev.ratchet.examples.saga.TripBooking;
import dev.ratchet.examples.support.ExampleStore;
import dev.ratchet.examples.versioning.RenewalVersions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples' {@code --postgres} flag: some programs run again on PostgreSQL (at {@code ratchet.test.pg.url}, by
 * default the local test database). Skipped when PostgreSQL is unreachable, failed instead when {@code CI=true}.
 */
class PostgresExamplesTest {
    private static final String URL = System.getProperty("ratchet.test.pg.url", ExampleStore.DEFAULT_POSTGRES_URL);

    @TempDir
    Path dir;
    private boolean reachable;
    /** Schemas of this test only, so concurrent builds on one database do not meet; dropped after the test. */
    private final String prefix = "ex_" + UUID.randomUUID().toString().substring(0, 8) + "_";

    @BeforeEach
    void requirePostgres() {
        try (Connection c = DriverManager.getConnection(URL)) {
            reachable = c.isValid(5);
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at " + URL + " (set -Dratchet.test.pg.url=...): " + e;
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message + ". CI=true, so PostgreSQL tests fail instead of being skipped.");
            }
            Assumptions.abort(message);
        }
    }

    private ExampleStore postgres() {
        return ExampleStore.fromArgs("--postgres=" + URL, "--dir=" + dir, "--schema-prefix=" + prefix);
    }

    @AfterEach
    void dropSchemas() {
        for (String example : reachable ? List.of("saga", "entity", "versioning", "fanout", "shared") : List.<String>of()) {
            postgres().reset(example);
        }
    }

    @Test
    void theSagaCompensatesOnPostgres() {
        TripBooking.TravelAgency agency = new TripBooking.TravelAgency();
        assertThat(TripBooking.run(postgres(), agency).get("trip-2")).contains("failed, compensated");
        assertThat(agency.active).containsOnlyKeys("trip-1/flight", "trip-1/hotel", "trip-1/car");
    }

    @Test
    void theAccountRunsOnPostgres() {
        AccountEntity.Outcome outcome = AccountEntity.run(postgres());
        assertThat(outcome.finalBalance()).isEqualTo(200);
        assertThat(outcome.runs()).hasSize(outcome.state().run()).hasSizeGreaterThan(1);
    }

    @Test
    void theBatchFansOutToChildWorkflowsOnPostgres() {
        BatchProcessing.DigitScoring scoring = new BatchProcessing.DigitScoring();
        BatchProcessing.Outcome outcome = BatchProcessing.run(postgres(), scoring);
        assertThat(outcome.summary()).isEqualTo(new BatchProcessing.Summary(1000, 135_010, 270));
        assertThat(outcome.chunks()).hasSize(BatchProcessing.ITEMS / BatchProcessing.CHUNK);
        assertThat(scoring.calls).hasValue(BatchProcessing.ITEMS);
    }

    @Test
    void twoEnginesShareTheOrdersOnOneDatabase() {
        SharedPostgres.Outcome outcome = SharedPostgres.run(postgres());
        assertThat(outcome.receipts()).containsOnlyKeys("order-1", "order-2", "order-3")
                .allSatisfy((id, r) -> assertThat(r.trackingNumber()).isEqualTo("TRACK-" + id.toUpperCase()));
        // each step of each order made its effect exactly once, whichever engine ran it
        assertThat(outcome.ledger().stream().filter(Ledger.Entry::madeEffect)
                .map(e -> e.activity() + " " + e.orderId()).toList()).hasSize(9).doesNotHaveDuplicates();
    }

    @Test
    void v2FinishesV1RunsOnPostgres() {
        assertThat(RenewalVersions.run(postgres())).containsEntry("renewal-alice",
                "charged alice 10.00; receipt e-mailed to alice").containsEntry("renewal-carol",
                "charged carol 9.00 (loyalty discount); receipt e-mailed to carol");
    }
}
