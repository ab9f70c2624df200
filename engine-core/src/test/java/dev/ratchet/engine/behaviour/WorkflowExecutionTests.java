package dev.ratchet.engine.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ratchet.api.ApplicationFailure;
import dev.ratchet.api.ResultTimeoutException;
import dev.ratchet.api.WorkflowFailedException;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowStatus;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.behaviour.TestWorkflows.Deterministic;
import dev.ratchet.engine.behaviour.TestWorkflows.DeterministicImpl;
import dev.ratchet.engine.behaviour.TestWorkflows.Failing;
import dev.ratchet.engine.behaviour.TestWorkflows.FailingImpl;
import dev.ratchet.engine.behaviour.TestWorkflows.Order;
import dev.ratchet.engine.behaviour.TestWorkflows.OrderImpl;
import dev.ratchet.engine.behaviour.TestWorkflows.Pausing;
import dev.ratchet.engine.behaviour.TestWorkflows.PausingImpl;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.RunStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Workflows run end to end: history shape, activities, failures, retries, timers, restarts and replay. */
public abstract class WorkflowExecutionTests extends EngineBehaviour {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void threeActivityWorkflowRecordsItsHistoryEventByEvent() throws Exception {
        Engine engine = engine(OrderImpl.class);
        Order order = engine.client().newWorkflow(Order.class, "order-1");
        assertThat(order.place("1")).isEqualTo("RESERVE-1,CHARGE-1,SHIP-1");

        String runId = run("order-1").orElseThrow().runId();
        List<HistoryEvent> history = read(s -> s.loadHistory(runId, 1));
        assertThat(history).extracting(HistoryEvent::type).containsExactly(
                "WorkflowStarted", "WorkflowTaskCompleted", "ActivityScheduled",
                "ActivityCompleted", "WorkflowTaskCompleted", "ActivityScheduled",
                "ActivityCompleted", "WorkflowTaskCompleted", "ActivityScheduled",
                "ActivityCompleted", "WorkflowTaskCompleted", "WorkflowCompleted");
        assertThat(history).extracting(HistoryEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L,
                11L, 12L);
        JsonNode started = json.readTree(history.get(0).attributes());
        assertThat(started.get("workflowType").asText()).isEqualTo("Order");
        assertThat(started.get("input").toString()).isEqualTo("[\"1\"]");
        assertThat(json.readTree(history.get(2).attributes()).get("activityType").asText()).isEqualTo("step");
        assertThat(json.readTree(history.get(2).attributes()).get("input").toString()).isEqualTo("[\"reserve-1\"]");
        assertThat(json.readTree(history.get(3).attributes()).get("result").asText()).isEqualTo("RESERVE-1");
        assertThat(json.readTree(history.get(11).attributes()).get("result").asText())
                .isEqualTo("RESERVE-1,CHARGE-1,SHIP-1");
        assertThat(run("order-1").orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(TestWorkflows.CALLS).containsExactly("step:reserve-1#1", "step:charge-1#1", "step:ship-1#1");
    }

    @Test
    void startReturnsAHandleThatCanBeFoundAgainById() {
        Engine engine = engine(OrderImpl.class);
        Order order = engine.client().newWorkflow(Order.class, "order-2");
        WorkflowHandle<String> started = engine.client().start(order::place, "2");
        WorkflowHandle<String> found = engine.client().handle("order-2", String.class);
        assertThat(found.runId()).isEqualTo(started.runId());
        assertThat(found.result(WAIT)).isEqualTo("RESERVE-2,CHARGE-2,SHIP-2");
        assertThat(started.resultAsync().join()).isEqualTo("RESERVE-2,CHARGE-2,SHIP-2");
        assertThat(found.describe().status()).isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void startingARunningIdAgainReturnsTheSameRun() {
        TestWorkflows.gate = new CountDownLatch(1);
        Engine engine = engine(DeterministicImpl.class);
        Deterministic wf = engine.client().newWorkflow(Deterministic.class, "same-id");
        WorkflowHandle<List<String>> first = engine.client().start(wf::run, "x");
        WorkflowHandle<List<String>> second = engine.client().start(wf::run, "x");
        assertThat(second.runId()).isEqualTo(first.runId());
        TestWorkflows.gate.countDown();
        assertThat(second.result(WAIT)).hasSize(3);
    }

    @Test
    void resultWithTimeoutThrowsWhileTheWorkflowGoesOn() {
        TestWorkflows.gate = new CountDownLatch(1);
        Engine engine = engine(DeterministicImpl.class);
        Deterministic wf = engine.client().newWorkflow(Deterministic.class, "slow");
        WorkflowHandle<List<String>> h = engine.client().start(wf::run, "x");
        assertThatThrownBy(() -> h.result(Duration.ofMillis(100))).isInstanceOf(ResultTimeoutException.class)
                .hasMessageContaining("slow");
        TestWorkflows.gate.countDown();
        assertThat(h.result(WAIT)).hasSize(3);
    }

    @Test
    void businessFailureFailsTheWorkflowWithTheFailureRecorded() {
        Engine engine = engine(FailingImpl.class);
        Failing wf = engine.client().newWorkflow(Failing.class, "fail-1");
        assertThatThrownBy(() -> wf.run("business")).isInstanceOfSatisfying(WorkflowFailedException.class, e -> {
            assertThat(e.getCause()).isInstanceOf(ApplicationFailure.class);
            ApplicationFailure f = (ApplicationFailure) e.getCause();
            assertThat(f.type()).isEqualTo("OutOfStock");
            assertThat(f.getMessage()).isEqualTo("no stock for business");
            assertThat(f.recordedStackTrace()).contains("FailingImpl.run");
        });
        assertThat(run("fail-1").orElseThrow().status()).isEqualTo(RunStatus.FAILED);
        assertThat(engine.client().describe("fail-1").status()).isEqualTo(WorkflowStatus.FAILED);
    }

    @Test
    void unexpectedExceptionParksTheRunWithItsError() {
        Engine engine = engine(FailingImpl.class);
        Failing wf = engine.client().newWorkflow(Failing.class, "bug-1");
        engine.client().start(wf::run, "bug");
        Await.until(WAIT, "run parked", () -> run("bug-1").map(r -> r.status() == RunStatus.PARKED).orElse(false));
        assertThat(engine.client().describe("bug-1").parkedError()).contains("bug in workflow code")
                .contains("IllegalStateException");
        assertThat(eventTypes(run("bug-1").orElseThrow().runId())).containsExactly("WorkflowStarted",
                "WorkflowTaskFailed");
    }

    @Test
    void unexpectedExceptionFailsTheWorkflowWhenConfiguredTo() {
        Engine engine = start(builder().workflows(FailingImpl.class).activities(new TestWorkflows.StepsImpl())
                .failOnUnexpectedError(true));
        Failing wf = engine.client().newWorkflow(Failing.class, "bug-2");
        assertThatThrownBy(() -> wf.run("bug")).isInstanceOf(WorkflowFailedException.class)
                .hasMessageContaining("bug in workflow code");
    }

    @Test
    void aWorkflowThreadThatBlocksOutsideTheRuntimeIsReportedWithItsStack() {
        Engine engine = start(builder().workflows(FailingImpl.class).activities(new TestWorkflows.StepsImpl())
                .deadlockTimeout(Duration.ofMillis(200)));
        Failing wf = engine.client().newWorkflow(Failing.class, "deadlock-1");
        engine.client().start(wf::run, "deadlock");
        Await.until(WAIT, "run parked", () -> run("deadlock-1").map(r -> r.status() == RunStatus.PARKED)
                .orElse(false));
        assertThat(engine.client().describe("deadlock-1").parkedError()).contains("potential deadlock")
                .contains("Thread.sleep").contains("FailingImpl.run");
    }

    @Test
    void aTaskThatLooksDeadlockedOnceIsRetriedNotParked() {
        Engine engine = start(builder().workflows(FailingImpl.class).activities(new TestWorkflows.StepsImpl())
                .deadlockTimeout(Duration.ofMillis(200)));
        Failing wf = engine.client().newWorkflow(Failing.class, "stall-once");
        assertThat(engine.client().start(wf::run, "stallOnce").result(WAIT))
                .isEqualTo("recovered after BEFORE-STALL");
        assertThat(engine.client().describe("stall-once").parkedError()).isNull();
    }

    @Test
    void aTaskThatKeepsDeadlockingIsParkedAfterItsRetries() {
        Engine engine = start(builder().workflows(FailingImpl.class).activities(new TestWorkflows.StepsImpl())
                .deadlockTimeout(Duration.ofMillis(200)));
        Failing wf = engine.client().newWorkflow(Failing.class, "stall-always");
        engine.client().start(wf::run, "stallAlways");
        Await.until(WAIT, "run parked", () -> run("stall-always").map(r -> r.status() == RunStatus.PARKED)
                .orElse(false));
        assertThat(engine.client().describe("stall-always").parkedError()).contains("potential deadlock");
        assertThat(TestWorkflows.FAILURES_LEFT.get("stallAlways").get())
                .as("stalled once per report: the first, then each of the 3 retries")
                .isEqualTo(Integer.MAX_VALUE - 4);
    }

    @Test
    void failedActivityIsRetriedThenSucceeds() {
        TestWorkflows.FAILURES_LEFT.put("twice", new AtomicInteger(2));
        Engine engine = engine(FailingImpl.class);
        Failing wf = engine.client().newWorkflow(Failing.class, "retry-1");
        assertThat(wf.run("retry")).isEqualTo("TWICE");
        assertThat(TestWorkflows.CALLS).containsExactly("flaky:twice#1", "flaky:twice#2", "flaky:twice#3");
        List<String> types = eventTypes(run("retry-1").orElseThrow().runId());
        assertThat(types).filteredOn(t -> t.startsWith("Activity")).containsExactly("ActivityScheduled",
                "ActivityCompleted");
    }

    @Test
    void activityThatKeepsFailingIsSeenByWorkflowCodeAsActivityFailure() {
        TestWorkflows.FAILURES_LEFT.put("always", new AtomicInteger(100));
        Engine engine = engine(FailingImpl.class);
        Failing wf = engine.client().newWorkflow(Failing.class, "retry-2");
        assertThat(wf.run("activity")).isEqualTo("caught flaky after 3: flaky always failed");
        assertThat(TestWorkflows.CALLS).hasSize(3);
    }

    @Test
    void timerFiresAndOverdueTimerFiresAtOnceAfterRestart() {
        Engine first = engine(PausingImpl.class);
        Pausing wf = first.client().newWorkflow(Pausing.class, "timer-1");
        WorkflowHandle<String> h = first.client().start(wf::run, 300L);
        Await.until(WAIT, "timer started", () -> eventTypes(h.runId()).contains("TimerStarted"));
        stop(first);
        Engine second = engine(PausingImpl.class);
        assertThat(second.client().handle("timer-1", String.class).result(WAIT)).isEqualTo("AB");
        assertThat(TestWorkflows.CALLS).containsExactly("step:a#1", "flaky:b#1");
        List<HistoryEvent> history = read(s -> s.loadHistory(h.runId(), 1));
        long started = history.stream().filter(e -> e.type().equals("TimerStarted")).findFirst().orElseThrow().time();
        long fired = history.stream().filter(e -> e.type().equals("TimerFired")).findFirst().orElseThrow().time();
        assertThat(fired - started).isGreaterThanOrEqualTo(300);
    }

    @Test
    void restartMidWorkflowReplaysHistoryWithoutRerunningCompletedActivities() {
        TestWorkflows.gate = new CountDownLatch(1);
        Engine first = engine(DeterministicImpl.class);
        Deterministic wf = first.client().newWorkflow(Deterministic.class, "replay-1");
        WorkflowHandle<List<String>> h = first.client().start(wf::run, "g");
        Await.until(WAIT, "blocking activity running", () -> TestWorkflows.CALLS.stream()
                .anyMatch(c -> c.startsWith("blocking:")));
        first.close(); // grace period ends with the activity still blocked: its claim is released
        TestWorkflows.gate.countDown();
        Engine second = engine(DeterministicImpl.class);
        List<String> result = second.client().handle("replay-1", List.class).result(WAIT);
        // the values drawn before the activity are the same on replay as they were recorded in its input
        List<HistoryEvent> history = read(s -> s.loadHistory(h.runId(), 1));
        String recordedInput = history.stream().filter(e -> e.type().equals("ActivityScheduled")).findFirst()
                .orElseThrow().attributes();
        assertThat(recordedInput).contains(result.get(0));
        assertThat(result.get(1)).isEqualTo("replay-1");
        assertThat(TestWorkflows.CALLS).filteredOn(c -> c.startsWith("step:")).hasSize(1);
        assertThat(TestWorkflows.CALLS).filteredOn(c -> c.startsWith("blocking:")).hasSizeGreaterThanOrEqualTo(2);
        // the replay-aware logger let each line through once, although the code ran twice
        assertThat(TestWorkflows.LOG_LINES.get()).isEqualTo(2);
    }

    @Test
    void runsEvictedFromASmallCacheFinishFromHistory() {
        Engine engine = start(builder().workflows(PausingImpl.class).activities(new TestWorkflows.StepsImpl())
                .maxCachedRuns(1));
        List<WorkflowHandle<String>> handles = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Pausing wf = engine.client().newWorkflow(Pausing.class, "evict-" + i);
            handles.add(engine.client().start(wf::run, 50L));
        }
        for (WorkflowHandle<String> h : handles) {
            assertThat(h.result(WAIT)).isEqualTo("AB");
        }
        assertThat(TestWorkflows.CALLS).hasSize(16);
    }
}
