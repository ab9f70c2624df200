package dev.ratchet.benchmarks;

/** Does no work: the benchmark measures the engine, not the activities. Thread-safe (stateless). */
public final class FulfillmentImpl implements Fulfillment {
    @Override
    public String reserve(String orderId) {
        return "reserved";
    }

    @Override
    public String charge(String orderId) {
        return "charged";
    }

    @Override
    public String ship(String orderId) {
        return "shipped";
    }
}
