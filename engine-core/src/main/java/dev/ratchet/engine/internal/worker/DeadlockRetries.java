package dev.ratchet.engine.internal.worker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts consecutive potential-deadlock reports per run, so a run whose code only looked stuck (a starved CPU, a long
 * GC pause: the detector is wall-clock) is retried after a growing delay, and only a run that keeps blocking is parked.
 * Thread-safe.
 */
final class DeadlockRetries {
    /** Reports tolerated before the run is parked. */
    static final int MAX_RETRIES = 3;
    private static final long BASE_DELAY_MS = 1_000;

    private final Map<String, Integer> strikes = new ConcurrentHashMap<>();

    /** Records a report; returns the delay before retrying, or -1 when the run has used its retries (then forgotten). */
    long onDeadlock(String runId) {
        int n = strikes.merge(runId, 1, Integer::sum);
        if (n > MAX_RETRIES) {
            strikes.remove(runId);
            return -1;
        }
        return BASE_DELAY_MS * n;
    }

    /** The run made progress (a task committed): its count starts over. */
    void onProgress(String runId) {
        if (!strikes.isEmpty()) {
            strikes.remove(runId);
        }
    }
}
