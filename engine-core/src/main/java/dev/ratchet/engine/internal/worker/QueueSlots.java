package dev.ratchet.engine.internal.worker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Concurrency bounds of activity attempts: a global maximum for the engine and a maximum per task queue (the global
 * one unless configured). Attempts are counted from dispatch, so the poller never claims more than the free slots;
 * they run only once they hold a permit of both bounds. Thread-safe.
 */
final class QueueSlots {
    private final int globalMax;
    private final Map<String, Integer> queueMax;
    private final Semaphore global;
    private final AtomicInteger dispatched = new AtomicInteger();
    private final Map<String, Semaphore> perQueue = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> dispatchedPerQueue = new ConcurrentHashMap<>();

    QueueSlots(int globalMax, Map<String, Integer> queueMax) {
        this.globalMax = globalMax;
        this.queueMax = Map.copyOf(queueMax);
        this.global = new Semaphore(globalMax);
    }

    private int max(String queue) {
        return queueMax.getOrDefault(queue, globalMax);
    }

    /** How many more attempts of {@code queue} may be claimed now. */
    int free(String queue) {
        int q = max(queue) - counter(queue).get();
        return Math.max(0, Math.min(q, globalMax - dispatched.get()));
    }

    /** Counts an attempt handed to the executor. */
    void dispatched(String queue) {
        dispatched.incrementAndGet();
        counter(queue).incrementAndGet();
    }

    /** Blocks until the attempt may run (a permit of both bounds). */
    void acquire(String queue) {
        semaphore(queue).acquireUninterruptibly();
        global.acquireUninterruptibly();
    }

    /** Releases what {@link #dispatched} and {@link #acquire} took. */
    void finished(String queue, boolean acquired) {
        if (acquired) {
            global.release();
            semaphore(queue).release();
        }
        counter(queue).decrementAndGet();
        dispatched.decrementAndGet();
    }

    /** Attempts dispatched and not finished. */
    int inFlight() {
        return dispatched.get();
    }

    private AtomicInteger counter(String queue) {
        return dispatchedPerQueue.computeIfAbsent(queue, q -> new AtomicInteger());
    }

    private Semaphore semaphore(String queue) {
        return perQueue.computeIfAbsent(queue, q -> new Semaphore(max(q)));
    }
}
