package dev.ratchet.benchmarks;

import dev.ratchet.api.ActivityInterface;

/** The H1 activity. */
@ActivityInterface
public interface Progress {
    /** Heartbeats its progress every {@code periodMillis} for {@code millis}; returns how many heartbeats it made. */
    long work(long millis, long periodMillis);
}
