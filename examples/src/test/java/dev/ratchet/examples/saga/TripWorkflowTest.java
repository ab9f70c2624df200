package dev.ratchet.examples.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.api.WorkflowClient;
import dev.ratchet.api.WorkflowFailedException;
import dev.ratchet.examples.saga.TripBooking.TravelAgency;
import dev.ratchet.examples.saga.TripBooking.Trip;
import dev.ratchet.examples.saga.TripBooking.TripWorkflow;
import dev.ratchet.examples.saga.TripBooking.TripWorkflowImpl;
import dev.ratchet.testing.RatchetTest;
import org.junit.jupiter.api.Test;

/** The saga workflow alone, in the test environment of engine-testing (no files, a fresh engine per test). */
// ratchet test: begin
@RatchetTest(workflows = TripWorkflowImpl.class, activities = TravelAgency.class)
class TripWorkflowTest {
    @Test
    void booksAllThree(WorkflowClient client) {
        TripWorkflow trip = client.newWorkflow(TripWorkflow.class, "trip-1");
        assertThat(trip.book(new Trip("trip-1", "Lisbon"))).hasSize(3);
    }

    @Test
    void failsWithTheCarFailureAfterCompensating(WorkflowClient client) {
        TripWorkflow trip = client.newWorkflow(TripWorkflow.class, "trip-2");
        assertThatThrownBy(() -> trip.book(new Trip("trip-2", "Atlantis")))
                .isInstanceOf(WorkflowFailedException.class).hasMessageContaining("no rental cars in Atlantis");
    }
}
// ratchet test: end
