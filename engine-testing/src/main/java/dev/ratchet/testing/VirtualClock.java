package dev.ratchet.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The test environment's engine clock: real time plus an offset that only grows, so time runs normally while work is
 * in flight and jumps forward when the time skipper says so. Never goes backwards. Thread-safe.
 */
final class VirtualClock extends Clock {
    private final AtomicLong offsetMillis;

    VirtualClock(long startMillis) {
        this.offsetMillis = new AtomicLong(startMillis - System.currentTimeMillis());
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis.get();
    }

    /** Moves the clock forward to {@code targetMillis} (nothing if it is there already). */
    void advanceTo(long targetMillis) {
        offsetMillis.accumulateAndGet(0, (offset, ignored) ->
                Math.max(offset, targetMillis - System.currentTimeMillis()));
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock is UTC only");
    }
}
