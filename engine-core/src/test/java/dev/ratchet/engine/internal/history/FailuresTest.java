package dev.ratchet.engine.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ratchet.api.ActivityFailure;
import dev.ratchet.api.ApplicationFailure;
import dev.ratchet.api.CanceledFailure;
import dev.ratchet.api.RatchetFailure;
import dev.ratchet.api.TimeoutFailure;
import dev.ratchet.api.TimeoutType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failures survive their JSON form in history: kind, type, timeout type, details, stack and cause. */
class FailuresTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private RatchetFailure roundTrip(Throwable t) throws Exception {
        String stored = Failures.toJson(mapper, t).toString();
        JsonNode read = mapper.readTree(stored);
        return Failures.fromJson(mapper, read);
    }

    @Test
    void everyTimeoutTypeComesBack() throws Exception {
        for (TimeoutType type : TimeoutType.values()) {
            RatchetFailure f = roundTrip(new TimeoutFailure(type, "late " + type));
            assertThat(f).isInstanceOfSatisfying(TimeoutFailure.class, t -> {
                assertThat(t.timeoutType()).isEqualTo(type);
                assertThat(t.getMessage()).isEqualTo("late " + type);
                assertThat(t.recordedStackTrace()).contains("FailuresTest");
            });
        }
    }

    @Test
    void canceledAndApplicationDetailsComeBackTyped() throws Exception {
        assertThat(roundTrip(new CanceledFailure("stop"))).isInstanceOf(CanceledFailure.class).hasMessage("stop");
        record Shortfall(int amount, String currency) {
        }
        RatchetFailure f = roundTrip(ApplicationFailure.nonRetryable("Short", "short", new Shortfall(42, "EUR"),
                List.of(1, 2)));
        assertThat(f).isInstanceOfSatisfying(ApplicationFailure.class, a -> {
            assertThat(a.type()).isEqualTo("Short");
            assertThat(a.isNonRetryable()).isTrue();
            assertThat(a.detailsCount()).isEqualTo(2);
            assertThat(a.details(0, Shortfall.class)).isEqualTo(new Shortfall(42, "EUR"));
            assertThat(a.details(1, List.class)).isEqualTo(List.of(1, 2));
        });
    }

    @Test
    void activityFailureKeepsItsTimeoutCause() throws Exception {
        ActivityFailure af = new ActivityFailure("charge", "3", 2,
                new TimeoutFailure(TimeoutType.HEARTBEAT, "no beat"), null);
        RatchetFailure f = roundTrip(af);
        assertThat(f).isInstanceOfSatisfying(ActivityFailure.class, a -> {
            assertThat(a.attempts()).isEqualTo(2);
            assertThat(a.activityType()).isEqualTo("charge");
            assertThat(((TimeoutFailure) a.getCause()).timeoutType()).isEqualTo(TimeoutType.HEARTBEAT);
        });
    }
}
