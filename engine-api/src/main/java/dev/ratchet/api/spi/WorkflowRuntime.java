package dev.ratchet.api.spi;

import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.WorkflowInfo;
import java.time.Duration;
import java.util.Map;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/**
 * What the {@link dev.ratchet.api.Workflow} facade delegates to; implemented by the engine for the workflow thread
 * that is running. Not part of the user API (exported only to the engine).
 */
public interface WorkflowRuntime {
    /** A stub whose calls schedule activities, with per-method options overriding the defaults. */
    <T> T newActivityStub(Class<T> activityInterface, ActivityOptions defaults,
            Map<String, ActivityOptions> methodOptions);

    /** Blocks the workflow for a durable timer. */
    void sleep(Duration duration);

    /** The deterministic time of the current workflow task. */
    Instant currentTime();

    /** A random generator seeded per run, identical on replay. */
    Random random();

    /** A UUID derived from the run's random generator. */
    UUID randomUUID();

    /** Whether the code is re-executing recorded history. */
    boolean isReplaying();

    /** Facts about the running workflow. */
    WorkflowInfo info();

    /** A logger that stays silent while replaying. */
    System.Logger logger(String name);
}
