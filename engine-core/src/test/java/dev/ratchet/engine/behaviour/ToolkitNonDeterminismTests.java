package dev.ratchet.engine.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.api.NonDeterminismException;
import dev.ratchet.api.WorkflowDescription;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowStatus;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.behaviour.ChangingWorkflows.AwaitCancels;
import dev.ratchet.engine.behaviour.ChangingWorkflows.Changing;
import dev.ratchet.engine.behaviour.ChangingWorkflows.MutableA;
import dev.ratchet.engine.behaviour.ChangingWorkflows.MutableB;
import dev.ratchet.engine.behaviour.ChangingWorkflows.PauseOnly;
import dev.ratchet.engine.behaviour.ChangingWorkflows.SideEffectThenPause;
import dev.ratchet.engine.behaviour.ChangingWorkflows.TimerNotCanceled;
import dev.ratchet.engine.behaviour.ChangingWorkflows.TwoAsync;
import dev.ratchet.engine.behaviour.ChangingWorkflows.TwoAsyncSwapped;
import dev.ratchet.engine.store.RunStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Changed code against histories with toolkit commands (timer cancellations, markers, workflow threads): the error
 * names the workflow, the history position, the recorded event and the code's new command.
 */
public abstract class ToolkitNonDeterminismTests extends ToolkitBehaviour {

    @Test
    void aRemovedSideEffectParksTheRunAndTheOriginalCodeFinishesIt() {
        Engine v1 = engine(SideEffectThenPause.class);
        WorkflowHandle<String> h = start(v1, "nd-side-effect", Duration.ofHours(1).toMillis());
        awaitLongTimer(h.runId());
        stop(v1);

        Engine changed = engineAhead(Duration.ofHours(2), PauseOnly.class);
        Await.until(WAIT, "run parked", () -> run("nd-side-effect").map(r -> r.status() == RunStatus.PARKED)
                .orElse(false));
        WorkflowDescription d = changed.client().describe("nd-side-effect");
        assertThat(d.status()).isEqualTo(WorkflowStatus.PARKED);
        assertThat(d.parkedError()).contains("nd-side-effect").contains(h.runId())
                .contains("history position " + seqOf(h.runId(), "MarkerRecorded"))
                .contains("recorded MarkerRecorded(sideEffect #1)")
                .contains("issued TimerStarted(timerId=1)")
                .contains("PauseOnly.run");
        stop(changed);

        Engine fixed = engineAhead(Duration.ofHours(2), SideEffectThenPause.class);
        assertThat(fixed.client().handle("nd-side-effect", String.class).result(WAIT)).isEqualTo("X");
    }

    @Test
    void anAddedSideEffectIsReportedAgainstTheRecordedCommand() {
        String runId = finished(PauseOnly.class, "nd-added-side-effect");
        assertThatThrownBy(() -> replay(SideEffectThenPause.class, "nd-added-side-effect", runId))
                .isInstanceOf(NonDeterminismException.class)
                .hasMessageContaining("'nd-added-side-effect'")
                .hasMessageContaining("history position " + seqOf(runId, "TimerStarted"))
                .hasMessageContaining("recorded TimerStarted(timerId=1)")
                .hasMessageContaining("issued MarkerRecorded(sideEffect #1)")
                .hasMessageContaining("SideEffectThenPause.run");
    }

    @Test
    void aTimerNoLongerCanceledOrNewlyCanceledIsReported() {
        String canceled = finished(AwaitCancels.class, "nd-canceled");
        assertThat(eventTypes(canceled)).contains("TimerCanceled");
        assertThatThrownBy(() -> replay(TimerNotCanceled.class, "nd-canceled", canceled))
                .isInstanceOf(NonDeterminismException.class)
                .hasMessageContaining("history position " + seqOf(canceled, "TimerCanceled"))
                .hasMessageContaining("recorded TimerCanceled(timerId=1)")
                .hasMessageContaining("issued ActivityScheduled(activityId=3, type=step)");

        String notCanceled = finished(TimerNotCanceled.class, "nd-not-canceled");
        assertThat(eventTypes(notCanceled)).doesNotContain("TimerCanceled");
        assertThatThrownBy(() -> replay(AwaitCancels.class, "nd-not-canceled", notCanceled))
                .isInstanceOf(NonDeterminismException.class)
                .hasMessageContaining("recorded ActivityScheduled(activityId=3, type=step)")
                .hasMessageContaining("issued TimerCanceled(timerId=1)")
                .hasMessageContaining("AwaitCancels.run");
    }

    @Test
    void aMutableSideEffectReadUnderAnotherIdIsReported() {
        String runId = finished(MutableA.class, "nd-mutable");
        assertThatThrownBy(() -> replay(MutableB.class, "nd-mutable", runId))
                .isInstanceOf(NonDeterminismException.class)
                .hasMessageContaining("history position " + seqOf(runId, "MarkerRecorded"))
                .hasMessageContaining("recorded MarkerRecorded(mutableSideEffect id=a, call #1)")
                .hasMessageContaining("issued MarkerRecorded(mutableSideEffect id=b, call #1)");
        assertThat(replay(MutableA.class, "nd-mutable", runId)).isTrue();
    }

    @Test
    void workflowThreadsStartedInAnotherOrderAreReported() {
        String runId = finished(TwoAsync.class, "nd-async");
        assertThat(replay(TwoAsync.class, "nd-async", runId)).isTrue();
        assertThatThrownBy(() -> replay(TwoAsyncSwapped.class, "nd-async", runId))
                .isInstanceOf(NonDeterminismException.class)
                .hasMessageContaining("recorded ActivityScheduled(activityId=1, type=step)")
                .hasMessageContaining("issued ActivityScheduled(activityId=1, type=flaky)")
                .hasMessageContaining("TwoAsyncSwapped");
    }

    private String finished(Class<?> implementation, String workflowId) {
        Engine engine = engine(implementation);
        WorkflowHandle<String> h = start(engine, workflowId, 10L);
        h.result(WAIT);
        stop(engine);
        return h.runId();
    }

    private static WorkflowHandle<String> start(Engine engine, String workflowId, long pauseMillis) {
        Changing wf = engine.client().newWorkflow(Changing.class, workflowId);
        return engine.client().start(wf::run, pauseMillis);
    }

    private long seqOf(String runId, String type) {
        return history(runId).stream().filter(e -> e.type().equals(type)).findFirst().orElseThrow().seq();
    }
}
