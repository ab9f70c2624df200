package dev.ratchet.engine;

import dev.ratchet.api.InvalidArgumentException;
import java.time.Duration;

/**
 * An engine's tuning, validated on construction: invalid values are rejected, never clamped. Built through
 * {@link Engine.Builder}; readable from {@link Engine#options()}.
 *
 * @param taskQueue               the task queue whose workflows and activities this engine runs
 * @param deadlockTimeout         how long a workflow thread may run without yielding before it is reported
 * @param leaseDuration           how long a claim survives without renewal; a dead engine's work is taken over after
 * @param pollInterval            the longest idle wait between polls of the store for others' work
 * @param maxCachedRuns           how many runs stay in memory between workflow tasks
 * @param maxConcurrentActivities how many activity attempts run at once on this engine
 * @param payloadSizeLimit        the largest payload (arguments, results) in bytes of JSON
 * @param failOnUnexpectedError   whether an unexpected exception in workflow code fails the workflow instead of
 *                                parking it
 * @param shutdownGracePeriod     how long {@code close()} waits for running activities before releasing them
 * @param commitThreads           how many threads write group commits (each uses one connection at a time)
 */
public record EngineOptions(String taskQueue, Duration deadlockTimeout, Duration leaseDuration,
        Duration pollInterval, int maxCachedRuns, int maxConcurrentActivities, int payloadSizeLimit,
        boolean failOnUnexpectedError, Duration shutdownGracePeriod, int commitThreads) {

    /** Validates every field. */
    public EngineOptions {
        InvalidArgumentException.requireNonBlank(taskQueue, "taskQueue");
        positive(deadlockTimeout, "deadlockTimeout");
        positive(leaseDuration, "leaseDuration");
        if (leaseDuration.toMillis() < 100) {
            throw new InvalidArgumentException("leaseDuration must be at least 100 ms, was " + leaseDuration);
        }
        positive(pollInterval, "pollInterval");
        atLeast(maxCachedRuns, 1, "maxCachedRuns");
        atLeast(maxConcurrentActivities, 1, "maxConcurrentActivities");
        atLeast(payloadSizeLimit, 1024, "payloadSizeLimit");
        InvalidArgumentException.requireNonNull(shutdownGracePeriod, "shutdownGracePeriod");
        if (shutdownGracePeriod.isNegative()) {
            throw new InvalidArgumentException("shutdownGracePeriod must not be negative, was " + shutdownGracePeriod);
        }
        atLeast(commitThreads, 1, "commitThreads");
    }

    /** The defaults: queue "default", 1 s deadlock timeout, 10 s leases, 500 ms polls, 2 MiB payloads. */
    public static EngineOptions defaults() {
        return new EngineOptions("default", Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMillis(500),
                10_000, 200, 2 * 1024 * 1024, false, Duration.ofSeconds(10), 2);
    }

    private static void positive(Duration d, String name) {
        InvalidArgumentException.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new InvalidArgumentException(name + " must be positive, was " + d);
        }
    }

    private static void atLeast(int value, int min, String name) {
        if (value < min) {
            throw new InvalidArgumentException(name + " must be at least " + min + ", was " + value);
        }
    }
}
