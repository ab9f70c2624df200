package dev.ratchet.engine.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.api.ActivityCompletionClient;
import dev.ratchet.api.ActivityCompletionException;
import dev.ratchet.api.ApplicationFailure;
import dev.ratchet.api.TimeoutFailure;
import dev.ratchet.api.TimeoutType;
import dev.ratchet.api.WorkflowFailedException;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowOptions;
import dev.ratchet.api.WorkflowStatus;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.behaviour.ActivityWorkflows.BeatingProbeImpl;
import dev.ratchet.engine.behaviour.ActivityWorkflows.ProbeImpl;
import dev.ratchet.engine.behaviour.ActivityWorkflows.QuickProbeImpl;
import dev.ratchet.engine.behaviour.ActivityWorkflows.Runner;
import dev.ratchet.engine.behaviour.ActivityWorkflows.RunnerImpl;
import dev.ratchet.engine.behaviour.ActivityWorkflows.Sleeper;
import dev.ratchet.engine.behaviour.ActivityWorkflows.SleeperImpl;
import dev.ratchet.engine.behaviour.ActivityWorkflows.StuckProbeImpl;
import dev.ratchet.engine.store.ActivityTask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Activities in full: the retry schedule on the engine clock, non-retryable failures, the four timeouts, heartbeat
 * progress and cancellation, async completion from another engine, takeover of a hung attempt, per-queue concurrency,
 * workflow timeouts and failure details through restart and replay. Time-based tests use a {@link TestClock}.
 */
public abstract class ActivityTests extends EngineBehaviour {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long T0 = 1_700_000_000_000L;

    @BeforeEach
    void resetProbes() {
        ActivityWorkflows.reset();
    }

    @AfterEach
    void releaseStuckActivities() {
        ActivityWorkflows.gate.countDown();
    }

    private Engine probeEngine(TestClock clock) {
        Engine.Builder b = builder().workflows(RunnerImpl.class, SleeperImpl.class).activities(new ProbeImpl());
        return start(clock == null ? b : b.clock(clock));
    }

    private static WorkflowHandle<String> run(Engine engine, String id, String mode, String activity, String key) {
        Runner runner = engine.client().newWorkflow(Runner.class, id);
        return engine.client().start(() -> runner.run(mode, activity, key));
    }

    private Optional<ActivityTask> task(String workflowId) {
        return run(workflowId).flatMap(r -> read(s -> s.findActivityTask(r.runId(), "1")));
    }

    private ActivityTask awaitTask(String workflowId, String what, Predicate<ActivityTask> condition) {
        Await.until(WAIT, what, () -> task(workflowId).filter(condition).isPresent());
        return task(workflowId).orElseThrow();
    }

    private static ActivityTask waitingAfter(ActivityTests t, String id, int attempt) {
        return t.awaitTask(id, "attempt " + attempt + " failed and waits for a retry",
                a -> a.attempt() == attempt && a.startedAt() == 0 && a.lastFailure() != null);
    }

    private static void awaitCall(String call) {
        Await.until(WAIT, "activity call " + call, () -> ActivityWorkflows.CALLS.contains(call));
    }

    @Test
    void retryScheduleFollowsThePolicyExactlyOnTheEngineClock() {
        TestClock clock = new TestClock(T0);
        Engine engine = probeEngine(clock);
        WorkflowHandle<String> h = run(engine, "schedule-1", "schedule", "fail", "k");
        long[] delays = {1_000, 2_000, 3_000}; // 1 s doubling, capped at 3 s, 4 attempts
        for (int attempt = 1; attempt <= 3; attempt++) {
            ActivityTask waiting = waitingAfter(this, "schedule-1", attempt);
            assertThat(waiting.availableAt()).as("due time after attempt %d", attempt)
                    .isEqualTo(clock.millis() + delays[attempt - 1]);
            assertThat(waiting.lastFailure()).contains("Boom");
            clock.advance(Duration.ofMillis(delays[attempt - 1] - 1));
            assertThat(task("schedule-1").orElseThrow().attempt()).isEqualTo(attempt); // not due a ms early
            clock.advance(Duration.ofMillis(1));
        }
        assertThat(h.result(WAIT)).isEqualTo("failed:4:app Boom");
        assertThat(ActivityWorkflows.CALLS).containsExactly("fail:k#1", "fail:k#2", "fail:k#3", "fail:k#4");
    }

    @Test
    void aRetryKeepsItsDueTimeAcrossAnEngineRestart() {
        TestClock clock = new TestClock(T0);
        Engine first = probeEngine(clock);
        WorkflowHandle<String> h = run(first, "restart-retry-1", "schedule", "fail", "k");
        long due = waitingAfter(this, "restart-retry-1", 1).availableAt();
        assertThat(due).isEqualTo(clock.millis() + 1_000);
        stop(first);

        clock.advance(Duration.ofMillis(999));
        Engine second = probeEngine(clock);
        ActivityTask waiting = task("restart-retry-1").orElseThrow();
        assertThat(waiting.availableAt()).as("due time after the restart").isEqualTo(due);
        assertThat(waiting.attempt()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(waitingAfter(this, "restart-retry-1", 2).availableAt()).isEqualTo(clock.millis() + 2_000);
        clock.advance(Duration.ofSeconds(2));
        waitingAfter(this, "restart-retry-1", 3);
        clock.advance(Duration.ofSeconds(3));
        assertThat(second.client().handle("restart-retry-1", String.class).result(WAIT))
                .isEqualTo("failed:4:app Boom");
        assertThat(h.runId()).isEqualTo(second.client().describe("restart-retry-1").runId());
    }

    @Test
    void nonRetryableTypeStopsAtOnce() {
        Engine engine = probeEngine(null);
        assertThat(run(engine, "fatal-1", "fatal", "fail", "fatal-x").result(WAIT))
                .isEqualTo("failed:1:app java.lang.IllegalArgumentException");
        assertThat(run(engine, "fatal-2", "default", "fail", "details-x").result(WAIT))
                .isEqualTo("failed:1:app Short 42 EUR");
        assertThat(ActivityWorkflows.CALLS).containsExactly("fail:fatal-x#1", "fail:details-x#1");
    }

    @Test
    void startToCloseTimeoutFailsTheAttemptWhichIsRetried() {
        TestClock clock = new TestClock(T0);
        Engine engine = probeEngine(clock);
        WorkflowHandle<String> h = run(engine, "stc-1", "startToClose", "hang", "k");
        awaitCall("hang:k#1");
        clock.advance(Duration.ofSeconds(10));
        ActivityTask waiting = waitingAfter(this, "stc-1", 1);
        assertThat(waiting.lastFailure()).contains("START_TO_CLOSE");
        assertThat(waiting.availableAt()).isEqualTo(clock.millis() + 1_000);
        clock.advance(Duration.ofSeconds(1));
        awaitCall("hang:k#2");
        clock.advance(Duration.ofSeconds(10));
        assertThat(h.result(WAIT)).isEqualTo("failed:2:timeout START_TO_CLOSE");
    }

    @Test
    void heartbeatTimeoutFiresWhenAnAttemptStopsBeating() {
        TestClock clock = new TestClock(T0);
        Engine engine = probeEngine(clock);
        WorkflowHandle<String> h = run(engine, "hb-1", "heartbeat", "hang", "k");
        awaitCall("hang:k#1");
        clock.advance(Duration.ofSeconds(5));
        assertThat(h.result(WAIT)).isEqualTo("failed:1:timeout HEARTBEAT");
    }

    @Test
    void scheduleToStartTimeoutFiresWhenNoEngineServesTheQueue() {
        TestClock clock = new TestClock(T0);
        Engine engine = probeEngine(clock);
        WorkflowHandle<String> h = run(engine, "sts-1", "scheduleToStart", "hang", "k");
        awaitTask("sts-1", "the activity is scheduled", t -> true);
        clock.advance(Duration.ofSeconds(5));
        assertThat(h.result(WAIT)).isEqualTo("failed:0:timeout SCHEDULE_TO_START");
        assertThat(ActivityWorkflows.CALLS).isEmpty();
    }

    @Test
    void scheduleToCloseTimeoutFailsForGoodDespiteUnlimitedRetries() {
        TestClock clock = new TestClock(T0);
        Engine engine = probeEngine(clock);
        WorkflowHandle<String> h = run(engine, "stcl-1", "scheduleToClose", "hang", "k");
        awaitCall("hang:k#1");
        clock.advance(Duration.ofSeconds(20));
        assertThat(h.result(WAIT)).isEqualTo("failed:1:timeout SCHEDULE_TO_CLOSE");
    }

    @Test
    void abandonedAttemptRunsAgainAsTheNextAttemptOnceItsLeaseLapses() {
        TestClock clock = new TestClock(T0);
        Engine engine = probeEngine(clock); // does not serve queue "remote"
        WorkflowHandle<String> h = run(engine, "abandoned-1", "remote", "hang", "k");
        awaitTask("abandoned-1", "the activity is scheduled", t -> true);
        List<ActivityTask> dead = read(s -> s.claimActivityTasks(List.of("remote"), "dead-engine", 1,
                Duration.ofMillis(100), clock.millis()));
        assertThat(dead).hasSize(1); // attempt 1 claimed by an engine that dies at once
        start(builder().clock(clock).activities(new QuickProbeImpl()).maxConcurrentActivities("remote", 4));
        assertThat(h.result(WAIT)).isEqualTo("ok:quick k");
        assertThat(ActivityWorkflows.CALLS).containsExactly("quick:k#2");
    }

    @Test
    void heartbeatDetailsReachTheNextAttempt() {
        Engine engine = probeEngine(null);
        assertThat(run(engine, "progress-1", "progress", "progress", "k").result(WAIT))
                .isEqualTo("ok:resumed from 3");
        assertThat(ActivityWorkflows.CALLS).containsExactly("progress:k#1", "progress:k#2");
    }

    @Test
    void shutdownWritesTheLatestCoalescedHeartbeatBeforeReleasingTheAttempt() {
        Engine engine = start(builder().workflows(RunnerImpl.class).activities(new BeatingProbeImpl())
                .shutdownGracePeriod(Duration.ofMillis(50)));
        WorkflowHandle<String> h = run(engine, "flush-1", "default", "beatThenHang", "k");
        awaitCall("hang:k#1");
        stop(engine);
        ActivityTask released = read(s -> s.findActivityTask(h.runId(), "1")).orElseThrow();
        assertThat(released.heartbeatDetails()).isEqualTo("3");
        assertThat(released.attempt()).isEqualTo(1);
    }

    @Test
    void cancelRequestEndsTheActivityWithCanceledFailureNotRetried() {
        Engine engine = probeEngine(null);
        WorkflowHandle<String> h = run(engine, "cancel-1", "cancel", "cancellable", "k");
        awaitCall("cancellable:k#1");
        boolean requested = read(s -> s.requestActivityCancel(h.runId(), "1"));
        assertThat(requested).isTrue();
        assertThat(h.result(WAIT)).isEqualTo("failed:1:canceled");
        assertThat(ActivityWorkflows.CALLS).containsExactly("cancellable:k#1");
    }

    @Test
    void asyncCompletionFromASecondEngineOnceAndOnlyOnce() {
        Engine engine = probeEngine(null);
        Engine other = start(builder()); // registers nothing
        WorkflowHandle<String> h = run(engine, "async-1", "default", "async", "a1");
        awaitTask("async-1", "the attempt is detached", ActivityTask::async);
        String token = ActivityWorkflows.TOKENS.get("a1");
        assertThat(token).matches("[A-Za-z0-9_-]+");
        ActivityCompletionClient completions = other.client().activityCompletions();
        completions.heartbeat(token, "half way");
        completions.complete(token, "done");
        assertThat(h.result(WAIT)).isEqualTo("ok:done");

        assertThatThrownBy(() -> completions.complete(token, "again")).isInstanceOf(ActivityCompletionException.class)
                .hasMessageContaining("not open");
        assertThatThrownBy(() -> completions.complete("async-1", "1", "again"))
                .isInstanceOf(ActivityCompletionException.class);
        assertThatThrownBy(() -> completions.fail(token, ApplicationFailure.of("Late", "late")))
                .isInstanceOf(ActivityCompletionException.class);
        List<String> garbage = new ArrayList<>(List.of("not a token", "!!!", "x",
                Base64.getUrlEncoder().encodeToString("rt1\nrun\nact\nminus".getBytes(StandardCharsets.UTF_8)),
                Base64.getUrlEncoder().encodeToString("other\nrun\n1\n1".getBytes(StandardCharsets.UTF_8))));
        for (String bad : garbage) {
            assertThatThrownBy(() -> completions.complete(bad, "x")).as(bad)
                    .isInstanceOf(ActivityCompletionException.class).hasMessageContaining("not a task token");
        }
        assertThatThrownBy(() -> completions.complete(null, "x")).isInstanceOf(ActivityCompletionException.class);
        assertThat(eventTypes(h.runId()).stream().filter("ActivityCompleted"::equals)).hasSize(1);
        assertThat(h.describe().status()).isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void asyncActivityFailedAndHeartbeatByWorkflowAndActivityId() {
        Engine engine = probeEngine(null);
        Engine other = start(builder());
        WorkflowHandle<String> h = run(engine, "async-2", "default", "async", "a2");
        awaitTask("async-2", "the attempt is detached", ActivityTask::async);
        ActivityCompletionClient completions = other.client().activityCompletions();
        completions.heartbeat("async-2", "1", 7);
        assertThat(task("async-2").orElseThrow().heartbeatDetails()).isEqualTo("7");
        completions.fail("async-2", "1", ApplicationFailure.nonRetryable("Rejected", "no"));
        assertThat(h.result(WAIT)).isEqualTo("failed:1:app Rejected");
        assertThatThrownBy(() -> completions.heartbeat(ActivityWorkflows.TOKENS.get("a2"), 8))
                .isInstanceOf(ActivityCompletionException.class);
        assertThatThrownBy(() -> completions.complete("no-such-workflow", "1", "x"))
                .isInstanceOf(ActivityCompletionException.class).hasMessageContaining("no workflow");
    }

    @Test
    void hungAttemptOnOneEngineTimesOutAndTheRetryCompletesOnAnother() {
        ActivityWorkflows.gate = new CountDownLatch(1); // engine 1's attempt stays stuck until the test ends
        Engine stuck = start(builder().workflows(RunnerImpl.class).activities(new StuckProbeImpl())
                .maxConcurrentActivities(1));
        WorkflowHandle<String> h = run(stuck, "takeover-1", "takeover", "hang", "t");
        awaitCall("stuck:t#1");
        start(builder().activities(new QuickProbeImpl()));
        assertThat(h.result(WAIT)).isEqualTo("ok:quick t");
        assertThat(ActivityWorkflows.CALLS).containsExactly("stuck:t#1", "quick:t#2");
    }

    @Test
    void perQueueConcurrencyBoundIsRespected() {
        ActivityWorkflows.gate = new CountDownLatch(1);
        Engine engine = start(builder().workflows(RunnerImpl.class).activities(new ProbeImpl())
                .maxConcurrentActivities("limited", 2));
        List<WorkflowHandle<String>> handles = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            handles.add(run(engine, "gated-" + i, "gated", "gated", "g" + i));
        }
        for (int i = 0; i < 5; i++) {
            awaitTask("gated-" + i, "activity " + i + " is scheduled", t -> true);
        }
        Await.until(WAIT, "two attempts run", () -> ActivityWorkflows.CONCURRENT.get() == 2);
        assertThat(ActivityWorkflows.CALLS).hasSize(2);
        ActivityWorkflows.gate.countDown();
        for (int i = 0; i < 5; i++) {
            assertThat(handles.get(i).result(WAIT)).isEqualTo("ok:g" + i);
        }
        assertThat(ActivityWorkflows.MAX_CONCURRENT.get()).isEqualTo(2);
    }

    @Test
    void workflowExecutionAndRunTimeoutsFailTheWorkflow() {
        TestClock clock = new TestClock(T0);
        Engine engine = probeEngine(clock);
        Sleeper exec = engine.client().newWorkflow(Sleeper.class,
                WorkflowOptions.of("exec-1").withExecutionTimeout(Duration.ofMinutes(10)));
        Sleeper runT = engine.client().newWorkflow(Sleeper.class,
                WorkflowOptions.of("run-1").withRunTimeout(Duration.ofMinutes(5)));
        Sleeper fine = engine.client().newWorkflow(Sleeper.class,
                WorkflowOptions.of("fine-1").withExecutionTimeout(Duration.ofHours(2)));
        WorkflowHandle<String> h1 = engine.client().start(exec::sleep, 1L);
        WorkflowHandle<String> h2 = engine.client().start(runT::sleep, 1L);
        WorkflowHandle<String> h3 = engine.client().start(fine::sleep, 1L);
        clock.advance(Duration.ofMinutes(10));
        assertThatThrownBy(() -> h1.result(WAIT)).isInstanceOfSatisfying(WorkflowFailedException.class,
                e -> assertThat(e.getCause()).isInstanceOfSatisfying(TimeoutFailure.class,
                        t -> assertThat(t.timeoutType()).isEqualTo(TimeoutType.WORKFLOW_EXECUTION)));
        assertThatThrownBy(() -> h2.result(WAIT)).isInstanceOfSatisfying(WorkflowFailedException.class,
                e -> assertThat(((TimeoutFailure) e.getCause()).timeoutType()).isEqualTo(TimeoutType.WORKFLOW_RUN));
        clock.advance(Duration.ofMinutes(50));
        assertThat(h3.result(WAIT)).isEqualTo("woke");
        assertThat(eventTypes(h1.runId())).containsExactly("WorkflowStarted", "WorkflowTaskCompleted",
                "TimerStarted", "WorkflowFailed");
        clock.advance(Duration.ofHours(2)); // the completed run's timeout timer went with it
        assertThat(h3.describe().status()).isEqualTo(WorkflowStatus.COMPLETED);
        // the timed-out runs' policy timers (kept after their close) go once their parent-close policies are applied
        Await.until(WAIT, "no timer left", () -> read(s -> s.nextTimerDue()).isEmpty());
    }

    @Test
    void failureDetailsComeBackIntactAfterRestartAndReplay() {
        TestClock clock = new TestClock(T0);
        Engine first = probeEngine(clock);
        WorkflowHandle<String> h = run(first, "details-1", "sleepAfter", "fail", "details-k");
        Await.until(WAIT, "the failure is recorded and the workflow sleeps",
                () -> eventTypes(h.runId()).contains("TimerStarted"));
        stop(first);
        Engine second = probeEngine(clock);
        clock.advance(Duration.ofHours(1));
        assertThat(second.client().handle("details-1", String.class).result(WAIT))
                .isEqualTo("failed:1:app Short 42 EUR");
        assertThat(ActivityWorkflows.CALLS).containsExactly("fail:details-k#1");
    }
}
