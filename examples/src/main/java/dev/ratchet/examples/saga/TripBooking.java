package dev.ratchet.examples.saga;

import dev.ratchet.api.Activity;
import dev.ratchet.api.ActivityFailure;
import dev.ratchet.api.ActivityInterface;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.ApplicationFailure;
import dev.ratchet.api.RetryPolicy;
import dev.ratchet.api.Saga;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowFailedException;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import dev.ratchet.engine.Engine;
import dev.ratchet.examples.support.ExampleStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Saga: a trip books a flight, a hotel and a car; when a later booking fails, the earlier ones are canceled in
 * reverse order. Each compensation is registered <em>before</em> its step, so a step that took effect but whose
 * outcome was lost (a crash, a timeout) is undone too; that is why every activity is idempotent: a booking keyed by
 * {@code Activity.context().idempotencyKey()}, a cancellation that is a no-op when nothing is booked.
 *
 * <pre>./mvnw -q -pl examples -am test-compile exec:exec -Ddemo.main=dev.ratchet.examples.saga.TripBooking [-Ddemo.args=--postgres]</pre>
 */
public final class TripBooking {
    private TripBooking() {
    }

    /** A trip to book. */
    public record Trip(String id, String destination) {
    }

    // saga: begin
    @ActivityInterface
    public interface Travel {
        String bookFlight(Trip trip);
        String bookHotel(Trip trip);
        String bookCar(Trip trip);
        void cancelFlight(Trip trip);
        void cancelHotel(Trip trip);
        void cancelCar(Trip trip);
    }

    @WorkflowInterface
    public interface TripWorkflow { @WorkflowMethod List<String> book(Trip trip); }

    public static class TripWorkflowImpl implements TripWorkflow {
        private final Travel travel = Workflow.activities(Travel.class, ActivityOptions.of(Duration.ofSeconds(10))
                .withRetry(RetryPolicy.exponential(3).withInitialInterval(Duration.ofMillis(100))));

        public List<String> book(Trip trip) {
            Saga saga = new Saga();
            try {
                saga.addCompensation(travel::cancelFlight, trip);   // registered before the step it undoes
                String flight = travel.bookFlight(trip);
                saga.addCompensation(travel::cancelHotel, trip);
                String hotel = travel.bookHotel(trip);
                saga.addCompensation(travel::cancelCar, trip);
                String car = travel.bookCar(trip);
                return List.of(flight, hotel, car);
            } catch (ActivityFailure e) {
                saga.compensate();                                  // cancel car, hotel, flight: reverse order
                throw e;
            }
        }
    }
    // saga: end

    /**
     * A travel agency in memory. Bookings are keyed by the activity's idempotency key, so a retried attempt finds
     * its booking instead of booking twice; cancellations are no-ops when nothing is booked. Thread-safe.
     */
    public static class TravelAgency implements Travel {
        /** Active bookings: trip ID and kind ("flight", "hotel", "car") to confirmation. */
        public final Map<String, String> active = new ConcurrentHashMap<>();
        /** Everything that happened, in order. */
        public final List<String> log = new CopyOnWriteArrayList<>();
        private final Map<String, String> byIdempotencyKey = new ConcurrentHashMap<>();

        public String bookFlight(Trip trip) { return book(trip, "flight"); }
        public String bookHotel(Trip trip) { return book(trip, "hotel"); }
        public String bookCar(Trip trip) {
            if (trip.destination().equals("Atlantis")) {
                throw ApplicationFailure.nonRetryable("NoCars", "no rental cars in " + trip.destination());
            }
            return book(trip, "car");
        }
        public void cancelFlight(Trip trip) { cancel(trip, "flight"); }
        public void cancelHotel(Trip trip) { cancel(trip, "hotel"); }
        public void cancelCar(Trip trip) { cancel(trip, "car"); }

        private String book(Trip trip, String kind) {
            String key = Activity.context().idempotencyKey();
            return byIdempotencyKey.computeIfAbsent(key, k -> {
                String confirmation = kind + " to " + trip.destination() + " #" + (byIdempotencyKey.size() + 1);
                active.put(trip.id() + "/" + kind, confirmation);
                say(trip.id() + ": booked " + confirmation);
                return confirmation;
            });
        }

        private void cancel(Trip trip, String kind) {
            String confirmation = active.remove(trip.id() + "/" + kind);
            say(trip.id() + ": cancel " + kind + (confirmation == null ? " (nothing booked)" : ": " + confirmation));
        }

        private void say(String line) {
            log.add(line);
            System.out.println("  " + line);
        }
    }

    public static void main(String[] args) {
        run(ExampleStore.fromArgs(args), new TravelAgency());
    }

    /** Books a trip that succeeds and one whose car fails; returns each trip's outcome. */
    public static Map<String, String> run(ExampleStore where, TravelAgency agency) {
        System.out.println("Trip booking saga on " + where.describe("saga"));
        Map<String, String> outcomes = new java.util.LinkedHashMap<>();
        try (Engine engine = Engine.builder().store(where.fresh("saga"))
                .workflows(TripWorkflowImpl.class).activities(agency).start()) {
            for (Trip trip : List.of(new Trip("trip-1", "Lisbon"), new Trip("trip-2", "Atlantis"))) {
                System.out.println(trip.id() + " to " + trip.destination() + ":");
                TripWorkflow workflow = engine.client().newWorkflow(TripWorkflow.class, trip.id());
                try {
                    outcomes.put(trip.id(), "booked " + workflow.book(trip));
                } catch (WorkflowFailedException e) {
                    outcomes.put(trip.id(), "failed, compensated: " + e.getCause().getMessage());
                }
                System.out.println("  => " + outcomes.get(trip.id()));
            }
        }
        System.out.println("Still booked: " + agency.active.values());
        return outcomes;
    }
}
