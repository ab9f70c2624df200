package dev.ratchet.engine;

import dev.ratchet.api.InvalidArgumentException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

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
 * @param activityQueueLimits     further task queues whose activities this engine runs, each with the most of its
 *                                attempts that run at once; the engine's own {@code taskQueue} is limited only by
 *                                {@code maxConcurrentActivities} unless named here. {@code maxConcurrentActivities}
 *                                still bounds all attempts together.
 */
public record EngineOptions(String taskQueue, Duration deadlockTimeout, Duration leaseDuration,
        Duration pollInterval, int maxCachedRuns, int maxConcurrentActivities, int payloadSizeLimit,
        boolean failOnUnexpectedError, Duration shutdownGracePeriod, int commitThreads,
        Map<String, Integer> activityQueueLimits) {

    /** Options without per-queue activity limits (the engine's task queue only). */
    public EngineOptions(String taskQueue, Duration deadlockTimeout, Duration leaseDuration, Duration pollInterval,
            int maxCachedRuns, int maxConcurrentActivities, int payloadSizeLimit, boolean failOnUnexpectedError,
            Duration shutdownGracePeriod, int commitThreads) {
        this(taskQueue, deadlockTimeout, leaseDuration, pollInterval, maxCachedRuns, maxConcurrentActivities,
                payloadSizeLimit, failOnUnexpectedError, shutdownGracePeriod, commitThreads, Map.of());
    }

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
        InvalidArgumentException.requireNonNull(activityQueueLimits, "activityQueueLimits");
        for (Map.Entry<String, Integer> e : activityQueueLimits.entrySet()) {
            InvalidArgumentException.requireNonBlank(e.getKey(), "activity task queue");
            if (e.getValue() == null || e.getValue() < 1) {
                throw new InvalidArgumentException("the activity limit of task queue '" + e.getKey()
                        + "' must be at least 1, was " + e.getValue());
            }
        }
        activityQueueLimits = Map.copyOf(activityQueueLimits);
    }

    /** The task queues whose activities this engine runs: its own and every one with a limit. */
    public Set<String> activityQueues() {
        Set<String> out = new java.util.TreeSet<>(activityQueueLimits.keySet());
        out.add(taskQueue);
        return Set.copyOf(out);
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
