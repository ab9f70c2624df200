package dev.ratchet.engine.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.api.WorkflowDescription;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowStatus;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.behaviour.TestWorkflows.Pausing;
import dev.ratchet.engine.behaviour.TestWorkflows.PausingImpl;
import dev.ratchet.engine.behaviour.TestWorkflows.SwappedImpl;
import dev.ratchet.engine.internal.codec.Payloads;
import dev.ratchet.engine.internal.definition.WorkflowDefinition;
import dev.ratchet.engine.internal.history.Events;
import dev.ratchet.engine.internal.runtime.RuntimeConfig;
import dev.ratchet.engine.internal.runtime.WorkflowRun;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.RunStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Changed code against recorded history: parked with a precise error, resumed by the original code. */
public abstract class NonDeterminismTests extends EngineBehaviour {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void changedActivityOrderParksTheRunAndTheOriginalCodeFinishesIt() {
        Engine v1 = engine(PausingImpl.class);
        Pausing wf = v1.client().newWorkflow(Pausing.class, "nd-1");
        WorkflowHandle<String> h = v1.client().start(wf::run, 200L);
        Await.until(WAIT, "timer started", () -> eventTypes(h.runId()).contains("TimerStarted"));
        stop(v1);

        Engine changed = engine(SwappedImpl.class);
        Await.until(WAIT, "run parked", () -> run("nd-1").map(r -> r.status() == RunStatus.PARKED).orElse(false));
        WorkflowDescription d = changed.client().describe("nd-1");
        assertThat(d.status()).isEqualTo(WorkflowStatus.PARKED);
        assertThat(d.parkedError())
                .contains("nd-1")
                .contains(h.runId())
                .contains("history position 3")
                .contains("recorded ActivityScheduled(activityId=1, type=step)")
                .contains("issued ActivityScheduled(activityId=1, type=flaky)")
                .contains("SwappedImpl.run");
        stop(changed);
        assertThat(TestWorkflows.CALLS).containsExactly("step:a#1");

        Engine fixed = engine(PausingImpl.class);
        assertThat(fixed.client().handle("nd-1", String.class).result(WAIT)).isEqualTo("AB");
        assertThat(TestWorkflows.CALLS).containsExactly("step:a#1", "flaky:b#1");
        assertThat(fixed.client().describe("nd-1").status()).isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void replayingAFinishedHistoryWithTheSameCodeIssuesNoNewCommand() {
        Engine engine = engine(PausingImpl.class);
        Pausing wf = engine.client().newWorkflow(Pausing.class, "nd-2");
        WorkflowHandle<String> h = engine.client().start(wf::run, 10L);
        assertThat(h.result(WAIT)).isEqualTo("AB");
        List<HistoryEvent> history = read(s -> s.loadHistory(h.runId(), 1));

        Payloads payloads = new Payloads(2 * 1024 * 1024);
        Events events = new Events(payloads.mapper());
        RuntimeConfig config = new RuntimeConfig(payloads, events, Duration.ofSeconds(1), false);
        Events.Event started = events.parse(history.get(0));
        WorkflowRun replayed = new WorkflowRun(WorkflowDefinition.ofImplementation(PausingImpl.class), "nd-2",
                h.runId(), "default", started.json("input"), started.attrs().get("seed").asLong(), config);
        try {
            replayed.replay(history.stream().map(events::parse).toList());
            assertThat(replayed.isClosed()).isTrue();
            assertThat(replayed.lastSeq()).isEqualTo(history.size());
        } finally {
            replayed.destroy();
        }
        assertThat(TestWorkflows.CALLS).containsExactly("step:a#1", "flaky:b#1");
    }
}
