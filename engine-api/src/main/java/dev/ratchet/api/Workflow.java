package dev.ratchet.api;

import dev.ratchet.api.spi.WorkflowRuntimes;
import java.time.Duration;
import java.util.Map;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/**
 * What workflow code calls instead of the JDK for anything non-deterministic: activities, time, sleeping, randomness
 * and logging. Each call is recorded or derived from history, so re-executing the code after a crash reaches the same
 * decisions. Callable only from workflow code.
 */
public final class Workflow {
    private Workflow() {
    }

    /**
     * A stub of an {@link ActivityInterface}: calling its methods schedules durable activities and blocks the workflow
     * until each finishes, throwing {@link ActivityFailure} if it failed for good.
     */
    public static <T> T activities(Class<T> activityInterface, ActivityOptions options) {
        return WorkflowRuntimes.current().newActivityStub(activityInterface, options, Map.of());
    }

    /**
     * A stub like {@link #activities(Class, ActivityOptions)} whose methods use {@code defaults} except those named in
     * {@code methodOptions} (by activity method name, as declared in the interface), which use their own options.
     */
    public static <T> T activities(Class<T> activityInterface, ActivityOptions defaults,
            Map<String, ActivityOptions> methodOptions) {
        return WorkflowRuntimes.current().newActivityStub(activityInterface, defaults, methodOptions);
    }

    /** Blocks the workflow for {@code duration} on a durable timer that survives restarts; zero returns at once. */
    public static void sleep(Duration duration) {
        WorkflowRuntimes.current().sleep(duration);
    }

    /** The workflow's deterministic "now": the time of the workflow task being executed (use it, not the JDK clock). */
    public static Instant currentTime() {
        return WorkflowRuntimes.current().currentTime();
    }

    /** A random generator seeded per run, giving the same numbers on replay. Use it instead of {@code new Random()}. */
    public static Random random() {
        return WorkflowRuntimes.current().random();
    }

    /** A random UUID that is the same on replay. Use it instead of {@link UUID#randomUUID()}. */
    public static UUID randomUUID() {
        return WorkflowRuntimes.current().randomUUID();
    }

    /** Whether the code is re-executing history that was already recorded (rarely needed; see {@link #logger}). */
    public static boolean isReplaying() {
        return WorkflowRuntimes.current().isReplaying();
    }

    /** Facts about the running workflow: its ID, run ID, type and task queue. */
    public static WorkflowInfo info() {
        return WorkflowRuntimes.current().info();
    }

    /** A logger that writes through the engine's logging and stays silent while replaying, so no line repeats. */
    public static System.Logger logger(Class<?> type) {
        return WorkflowRuntimes.current().logger(type.getName());
    }
}
