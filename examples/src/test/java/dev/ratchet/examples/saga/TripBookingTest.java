package dev.ratchet.examples.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.examples.saga.TripBooking.TravelAgency;
import dev.ratchet.examples.support.ExampleStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TripBookingTest {
    @Test
    void aFailedCarCancelsTheHotelThenTheFlight(@TempDir Path dir) {
        TravelAgency agency = new TravelAgency();
        Map<String, String> outcomes = TripBooking.run(ExampleStore.h2(dir), agency);

        assertThat(outcomes.get("trip-1")).startsWith("booked [flight to Lisbon");
        assertThat(outcomes.get("trip-2")).contains("failed, compensated").contains("no rental cars in Atlantis");
        assertThat(agency.active).containsOnlyKeys("trip-1/flight", "trip-1/hotel", "trip-1/car");
        assertThat(agency.log).filteredOn(l -> l.startsWith("trip-2")).containsExactly(
                "trip-2: booked flight to Atlantis #4",
                "trip-2: booked hotel to Atlantis #5",
                "trip-2: cancel car (nothing booked)",
                "trip-2: cancel hotel: hotel to Atlantis #5",
                "trip-2: cancel flight: flight to Atlantis #4");
    }
}
