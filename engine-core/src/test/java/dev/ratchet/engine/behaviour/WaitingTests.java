package dev.ratchet.engine.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.behaviour.ToolkitWorkflows.BadToolkitInput;
import dev.ratchet.engine.behaviour.ToolkitWorkflows.BadToolkitInputImpl;
import dev.ratchet.engine.behaviour.ToolkitWorkflows.Waiting;
import dev.ratchet.engine.behaviour.ToolkitWorkflows.WaitingImpl;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Workflow.await} with and without timeout, {@code newTimer} and {@code Promise.get} with a timeout: live, after
 * the run was evicted from the cache, and after an engine restart.
 */
public abstract class WaitingTests extends ToolkitBehaviour {
    private static final String EXPECTED = "won=true,lost=false,get=V,timeout=PROMISE_GET,box=W";

    @Test
    void conditionsAndTimersDecideLive() {
        Engine engine = engine(WaitingImpl.class);
        Waiting wf = engine.client().newWorkflow(Waiting.class, "wait-live");
        WorkflowHandle<String> h = engine.client().start(wf::run, 10L);
        assertThat(h.result(WAIT)).isEqualTo(EXPECTED);
        assertRecorded(h.runId());
    }

    @Test
    void conditionsAndTimersDecideTheSameAfterEviction() {
        closeGate();
        Engine engine = evictingEngine(WaitingImpl.class);
        Waiting wf = engine.client().newWorkflow(Waiting.class, "wait-evicted");
        WorkflowHandle<String> h = engine.client().start(wf::run, 10L);
        awaitBlockingCall("w");
        evictCachedRuns(engine);
        openGate();
        assertThat(h.result(WAIT)).isEqualTo(EXPECTED);
        assertThat(ToolkitWorkflows.REPLAYS.get()).isPositive();
        assertRecorded(h.runId());
    }

    @Test
    void aCanceledTimerIsGoneFromTheStoreAndThePauseFiresAfterARestart() {
        Engine first = engine(WaitingImpl.class);
        Waiting wf = first.client().newWorkflow(Waiting.class, "wait-restart");
        WorkflowHandle<String> h = first.client().start(wf::run, LONG_PAUSE);
        awaitLongTimer(h.runId());
        Await.until(WAIT, "pause timer started", () -> count(h.runId(), "TimerStarted") == 3);
        // the one-hour timer the condition beat was deleted: the earliest pending timer is the five-hour pause
        long pauseFireAt = events(h.runId(), "TimerStarted").get(2).get("fireAt").asLong();
        java.util.Optional<Long> next = read(s -> s.nextTimerDue());
        assertThat(next).contains(pauseFireAt);
        stop(first);

        Engine second = engineAhead(AHEAD, WaitingImpl.class);
        assertThat(second.client().handle("wait-restart", String.class).result(WAIT)).isEqualTo(EXPECTED);
        assertThat(ToolkitWorkflows.REPLAYS.get()).isPositive();
        assertRecorded(h.runId());
    }

    @Test
    void aConditionThatAlreadyHoldsOrAZeroTimeoutStartsNoTimer() {
        Engine engine = engine(ToolkitWorkflows.ImmediateImpl.class);
        ToolkitWorkflows.Immediate wf = engine.client().newWorkflow(ToolkitWorkflows.Immediate.class, "wait-now");
        WorkflowHandle<String> h = engine.client().start(wf::run);
        assertThat(h.result(WAIT)).isEqualTo("true,false,true,null");
        assertThat(eventTypes(h.runId())).containsExactly("WorkflowStarted", "WorkflowTaskCompleted",
                "WorkflowCompleted");
    }

    @Test
    void badInputToEveryToolkitMethodIsRejectedWithItsNameAndRecordsNothing() {
        Engine engine = engine(BadToolkitInputImpl.class);
        BadToolkitInput wf = engine.client().newWorkflow(BadToolkitInput.class, "bad-toolkit");
        WorkflowHandle<List<String>> h = engine.client().start(wf::run);
        List<String> messages = h.result(WAIT);
        assertThat(messages).doesNotContain("accepted").hasSize(16);
        assertThat(messages.get(0)).contains("duration must not be negative").contains("Duration.ZERO");
        assertThat(messages.get(1)).contains("timeout must not be negative");
        assertThat(messages.get(2)).contains("condition must not be null");
        assertThat(messages.get(3)).contains("minSupported (2)").contains("change-x").contains("maxSupported (1)");
        assertThat(messages.get(4)).contains("changeId must not be null or blank");
        assertThat(messages.get(5)).contains("minSupported").contains("DEFAULT_VERSION");
        assertThat(messages.get(6)).contains("type must not be null");
        assertThat(messages.get(7)).contains("id must not be null or blank");
        assertThat(messages.get(8)).contains("capacity must be at least 1, was 0");
        assertThat(messages.get(9)).contains("element must not be null");
        assertThat(messages.get(10)).contains("timeout must not be negative");
        assertThat(messages.get(11)).contains("promises must not be null");
        assertThat(messages.get(12)).contains("promises must not be empty");
        assertThat(messages.get(13)).contains("promises[1] must not be null");
        assertThat(messages.get(14)).contains("fn must not be null");
        assertThat(messages.get(15)).contains("fn must not be null");
        assertThat(eventTypes(h.runId())).containsExactly("WorkflowStarted", "WorkflowTaskCompleted",
                "WorkflowCompleted");
    }

    /** Two timers canceled (the condition and the value won), three fired (a lost await, the pause, a timeout). */
    private void assertRecorded(String runId) {
        List<String> types = eventTypes(runId);
        assertThat(types).filteredOn(t -> t.startsWith("Timer")).containsExactly("TimerStarted", "TimerCanceled",
                "TimerStarted", "TimerFired", "TimerStarted", "TimerFired", "TimerStarted", "TimerCanceled",
                "TimerStarted", "TimerFired");
        assertThat(events(runId, "TimerCanceled")).extracting(n -> n.get("timerId").asText())
                .containsExactly("1", "5");
        assertThat(TestWorkflows.CALLS).containsExactly("blocking:w#1", "step:v#1");
    }
}
