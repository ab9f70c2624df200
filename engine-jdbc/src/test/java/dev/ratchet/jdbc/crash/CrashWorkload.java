package dev.ratchet.jdbc.crash;

import dev.ratchet.api.Activity;
import dev.ratchet.api.ActivityContext;
import dev.ratchet.api.ActivityInterface;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.RetryPolicy;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.store.WorkflowStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * What the crash test runs, shared by the child JVM ({@link CrashWorker}) and the checks ({@link CrashRecovery}): a
 * workflow of three activities with a durable sleep after each of the first two, and an activity that leaves a row per
 * attempt in the {@value #EFFECTS} table of the same database, keyed by its idempotency key and attempt.
 */
public final class CrashWorkload {
    private CrashWorkload() {
    }

    /** The side-effect ledger: one row per activity attempt that got as far as its effect. */
    static final String EFFECTS = "crash_effects";

    /** How many activity attempts one engine runs at once; bounds what one kill can interrupt. */
    static final int MAX_CONCURRENT_ACTIVITIES = 16;

    /**
     * Lease length of the child engines. Short so a restarted engine takes over soon, but long enough that a live
     * engine on a loaded 2-core machine does not lose its own leases (renewed every third of it).
     */
    static final Duration LEASE = Duration.ofSeconds(2);

    /**
     * The deadlock timeout is wall-clock time of a workflow thread's slice; raised from the 1 s default so that a
     * starved CPU (a loaded 2-core machine replaying hundreds of runs after a restart) cannot park a healthy run.
     */
    static final Duration DEADLOCK_TIMEOUT = Duration.ofSeconds(10);

    /** The workflow ID of workflow {@code index}. */
    static String workflowId(int index) {
        return "wf-" + index;
    }

    /** The result workflow {@code index} must complete with. */
    static String expectedResult(int index) {
        return "done-a" + index + ",done-b" + index + ",done-c" + index;
    }

    /**
     * When workflow {@code index} wakes from its first durable sleep: 1.5 to 13.4 s after {@code anchor} (the test's
     * start), spread over the indexes. Anchoring the wake-ups to the test, not to each workflow's start, keeps
     * workflows waking and running activities all through the kill schedule however slowly they were started, and
     * bounds the test's length.
     */
    static long firstWakeAt(long anchor, int index) {
        return anchor + 1_500 + (index * 37L % 120) * 100;
    }

    /** The shortest first sleep, for workflows started after their wake-up time: every run waits on a timer. */
    static final Duration MIN_FIRST_SLEEP = Duration.ofMillis(200);

    /** The second durable sleep of workflow {@code index}: 0.2 to 0.6 s, a timer started and fired close together. */
    static Duration secondSleepOf(int index) {
        return Duration.ofMillis(200 + (index % 3) * 200L);
    }

    /** How many timers the workflow starts. */
    static final int TIMERS = 2;

    /** How many activities the workflow schedules. */
    static final int ACTIVITIES = 3;

    /** An engine on {@code store} running the crash workflow and {@code steps}, with quick leases and polls. */
    static Engine engine(WorkflowStore store, Steps steps) {
        return Engine.builder().store(store).workflows(ThreeStepsImpl.class).activities(steps)
                .leaseDuration(LEASE).pollInterval(Duration.ofMillis(50)).deadlockTimeout(DEADLOCK_TIMEOUT)
                .maxConcurrentActivities(MAX_CONCURRENT_ACTIVITIES).shutdownGracePeriod(Duration.ofSeconds(5))
                .start();
    }

    /** The activities: each call records its effect, then works for 20 to 60 ms (so kills often find some running). */
    @ActivityInterface(namePrefix = "Crash.")
    public interface Steps {
        String step(String name);
    }

    /** Activity options: no attempt limit (a kill costs an attempt), a start-to-close timeout that is never hit. */
    static final ActivityOptions OPTIONS = ActivityOptions.of(Duration.ofSeconds(60)).withRetry(RetryPolicy.defaults()
            .withInitialInterval(Duration.ofMillis(50)).withMaximumInterval(Duration.ofSeconds(1)));

    @WorkflowInterface(name = "CrashThreeSteps")
    public interface ThreeSteps {
        @WorkflowMethod
        String run(int index, long firstWakeAt);
    }

    /** a, durable sleep until {@code firstWakeAt}, b, short durable sleep, c. */
    public static final class ThreeStepsImpl implements ThreeSteps {
        private final Steps steps = Workflow.activities(Steps.class, OPTIONS);

        @Override
        public String run(int index, long firstWakeAt) {
            String a = steps.step("a" + index);
            long untilWake = firstWakeAt - Workflow.currentTime().toEpochMilli();
            Workflow.sleep(Duration.ofMillis(Math.max(MIN_FIRST_SLEEP.toMillis(), untilWake)));
            String b = steps.step("b" + index);
            Workflow.sleep(secondSleepOf(index));
            String c = steps.step("c" + index);
            return a + "," + b + "," + c;
        }
    }

    /** The activity implementation of a child JVM; {@code incarnation} numbers the child among its restarts. */
    public static final class StepsImpl implements Steps {
        private final Effects effects;
        private final int incarnation;

        StepsImpl(Effects effects, int incarnation) {
            this.effects = effects;
            this.incarnation = incarnation;
        }

        @Override
        public String step(String name) {
            ActivityContext ctx = Activity.context();
            effects.record(ctx.idempotencyKey(), ctx.attempt(), ctx.workflowId(), ctx.activityId(), incarnation);
            try {
                Thread.sleep(20 + ThreadLocalRandom.current().nextInt(41));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            return "done-" + name;
        }
    }

    /** The effects table: written with auto-commit on the test's own connections, beside the engine's. */
    static final class Effects {
        private final DataSource source;

        Effects(DataSource source) {
            this.source = source;
        }

        /** Creates the table if this database has none yet. */
        void createTable() {
            try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + EFFECTS + " ("
                        + "idempotency_key VARCHAR(300) NOT NULL, "
                        + "attempt INT NOT NULL, "
                        + "workflow_id VARCHAR(300) NOT NULL, "
                        + "activity_id VARCHAR(300) NOT NULL, "
                        + "incarnation INT NOT NULL, "
                        + "written_at BIGINT NOT NULL)");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create " + EFFECTS, e);
            }
        }

        /** One row for this attempt, committed before it returns. */
        void record(String key, int attempt, String workflowId, String activityId, int incarnation) {
            String sql = "INSERT INTO " + EFFECTS + " (idempotency_key, attempt, workflow_id, activity_id, "
                    + "incarnation, written_at) VALUES (?, ?, ?, ?, ?, ?)";
            try (Connection c = source.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                c.setAutoCommit(true);
                ps.setString(1, key);
                ps.setInt(2, attempt);
                ps.setString(3, workflowId);
                ps.setString(4, activityId);
                ps.setInt(5, incarnation);
                ps.setLong(6, System.currentTimeMillis());
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot record the effect of " + key + " attempt " + attempt, e);
            }
        }
    }
}
