package dev.ratchet.benchmarks;

import dev.ratchet.api.Activity;
import dev.ratchet.api.ActivityContext;
import java.util.concurrent.atomic.LongAdder;

/** Sleeps in small steps and heartbeats the step count after each. Thread-safe. */
public final class ProgressImpl implements Progress {
    final LongAdder heartbeats = new LongAdder();
    final LongAdder running = new LongAdder();

    @Override
    public long work(long millis, long periodMillis) {
        ActivityContext context = Activity.context();
        running.increment();
        try {
            long end = System.nanoTime() + millis * 1_000_000;
            long beats = 0;
            while (System.nanoTime() < end) {
                Thread.sleep(periodMillis);
                context.heartbeat(++beats);
                heartbeats.increment();
            }
            return beats;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            running.decrement();
        }
    }
}
