package dev.ratchet.benchmarks;

import dev.ratchet.api.ActivityInterface;

/** The three activities of the benchmark workflow. Each returns a short string at once. */
@ActivityInterface
public interface Fulfillment {
    /** Reserves stock for the order; returns {@code "reserved"}. */
    String reserve(String orderId);

    /** Charges the customer; returns {@code "charged"}. */
    String charge(String orderId);

    /** Ships the order; returns {@code "shipped"}. */
    String ship(String orderId);
}
