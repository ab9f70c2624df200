package dev.ratchet.engine.store;

import static dev.ratchet.engine.store.StoreContract.LONG_LEASE;
import static dev.ratchet.engine.store.StoreContract.NOW;
import static dev.ratchet.engine.store.StoreContract.SHORT_LEASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.api.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Message requests ({@link MessageRequest}): stored by a sender, claimed under a lease by one engine of the run's type
 * and queue at a time, answered by the claim's owner, taken once by the sender, withdrawn only while nobody holds them.
 */
public interface RequestStoreContract {

    /** The store under test, fresh for each test. */
    WorkflowStore store();

    private static MessageRequest request(String id, String type, String queue, long createdAt) {
        return new MessageRequest(id, "run-" + id, type, queue, "update", "{\"name\":\"x\"}", createdAt);
    }

    @Test
    default void aRequestIsClaimedByOneEngineOfItsTypeAndQueueAndAnsweredOnce() {
        store().putRequest(request("r1", "Shop", "main", NOW));
        store().putRequest(request("r2", "Other", "main", NOW));
        store().putRequest(request("r3", "Shop", "side", NOW));
        assertThatThrownBy(() -> store().putRequest(request("r1", "Shop", "main", NOW)))
                .isInstanceOf(StoreException.class);

        assertThat(store().claimRequests(List.of("main"), List.of("Shop"), "e1", 10, LONG_LEASE, NOW))
                .containsExactly(request("r1", "Shop", "main", NOW));
        assertThat(store().claimRequests(List.of("main", "side"), List.of("Shop"), "e2", 10, LONG_LEASE, NOW))
                .as("r1 is held by e1").containsExactly(request("r3", "Shop", "side", NOW));
        assertThat(store().takeAnswer("r1")).isEmpty();
        assertThat(store().withdrawRequest("r1")).as("held").isFalse();
        assertThat(store().answerRequest("r1", "e2", "{\"no\":1}")).as("not e2's claim").isFalse();
        assertThat(store().answerRequest("r1", "e1", "{\"ok\":1}")).isTrue();
        assertThat(store().answerRequest("r1", "e1", "{\"again\":1}")).isFalse();
        assertThat(store().claimRequests(List.of("main"), List.of("Shop"), "e2", 10, LONG_LEASE, NOW)).isEmpty();
        assertThat(store().withdrawRequest("r1")).as("answered").isFalse();

        assertThat(store().takeAnswer("r1")).contains("{\"ok\":1}");
        assertThat(store().takeAnswer("r1")).as("taken once").isEmpty();
        assertThat(store().answerRequest("r1", "e1", "{}")).isFalse();
        assertThat(store().claimRequests(List.of("main"), List.of("Other"), "e1", 0, LONG_LEASE, NOW)).isEmpty();
    }

    @Test
    default void anUnheldRequestCanBeWithdrawnAndAnExpiredClaimTakenOver() {
        store().putRequest(request("w1", "Shop", "main", NOW));
        assertThat(store().withdrawRequest("w1")).isTrue();
        assertThat(store().claimRequests(List.of("main"), List.of("Shop"), "e1", 10, LONG_LEASE, NOW)).isEmpty();
        assertThat(store().withdrawRequest("nobody")).isFalse();

        store().putRequest(request("w2", "Shop", "main", NOW));
        assertThat(store().claimRequests(List.of("main"), List.of("Shop"), "e1", 10, SHORT_LEASE, NOW)).hasSize(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<MessageRequest> taken = List.of();
        while (taken.isEmpty() && System.nanoTime() < deadline) {
            taken = store().claimRequests(List.of("main"), List.of("Shop"), "e2", 10, LONG_LEASE, NOW);
        }
        assertThat(taken).as("taken over once e1's lease expired").hasSize(1);
        assertThat(store().answerRequest("w2", "e1", "{}")).as("e1 lost its claim").isFalse();
        assertThat(store().answerRequest("w2", "e2", "{}")).isTrue();
    }

    @Test
    default void answersNobodyTookAreDeletedAfterAnHour() {
        store().putRequest(request("old", "Shop", "main", NOW));
        store().putRequest(request("new", "Shop", "main", NOW + 3_000_000));
        assertThat(store().claimRequests(List.of("main"), List.of("Shop"), "e1", 10, LONG_LEASE, NOW)).hasSize(2);
        store().answerRequest("old", "e1", "{}");
        store().answerRequest("new", "e1", "{}");
        store().claimRequests(List.of("main"), List.of("Shop"), "e1", 10, LONG_LEASE, NOW + 3_600_001);
        Optional<String> old = store().takeAnswer("old");
        assertThat(old).isEmpty();
        assertThat(store().takeAnswer("new")).contains("{}");
    }
}
