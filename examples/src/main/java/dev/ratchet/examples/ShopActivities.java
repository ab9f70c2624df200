package dev.ratchet.examples;

import dev.ratchet.api.ActivityInterface;

/** The demo's activities: each changes the outside world (here: the {@link Ledger}). */
@ActivityInterface
public interface ShopActivities {
    void reserve(String orderId, String item);

    void charge(String orderId, long priceCents);

    String ship(String orderId);
}
