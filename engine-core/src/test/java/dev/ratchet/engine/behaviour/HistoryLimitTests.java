package dev.ratchet.engine.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.WorkflowDescription;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowStatus;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.behaviour.CancelWorkflows.Chatty;
import dev.ratchet.engine.behaviour.CancelWorkflows.ChattyImpl;
import java.util.List;
import org.junit.jupiter.api.Test;

/** History limits: a warning in {@code describe}, and a hard limit that parks the run until the limit is raised. */
public abstract class HistoryLimitTests extends ToolkitBehaviour {

    private Engine limited(int warn, int max, int cachedRuns) {
        return start(builder().historyLimits(warn, max).maxCachedRuns(cachedRuns).workflows(ChattyImpl.class)
                .activities(new TestWorkflows.StepsImpl()));
    }

    private WorkflowHandle<String> chat(Engine engine, String id, int count) {
        Chatty wf = engine.client().newWorkflow(Chatty.class, id);
        return engine.client().start(wf::run, count);
    }

    @Test
    void describeWarnsPastTheWarningLimit() {
        Engine engine = limited(6, 1_000, 100);
        WorkflowHandle<String> shortOne = chat(engine, "history-short", 1);
        WorkflowHandle<String> longOne = chat(engine, "history-long", 4);
        assertThat(shortOne.result(WAIT)).isEqualTo("done");
        assertThat(longOne.result(WAIT)).isEqualTo("done");
        assertThat(shortOne.describe().historyWarning()).isNull();
        WorkflowDescription d = engine.client().describe("history-long");
        assertThat(d.historyLength()).isGreaterThan(6);
        assertThat(d.historyWarning()).contains("past the warning limit of 6").contains("continueAsNew");
    }

    private void awaitParkedAtTheLimit(WorkflowHandle<String> h, int max) {
        Await.until(WAIT, h.workflowId() + " parked", () -> h.describe().status() == WorkflowStatus.PARKED);
        WorkflowDescription d = h.describe();
        assertThat(d.parkedError()).contains("history limit of " + max).contains("continueAsNew");
        List<String> types = eventTypes(h.runId());
        assertThat(types).endsWith("WorkflowTaskFailed").doesNotContain("WorkflowCompleted");
        // the park commit records the inputs its task consumed (one activity result) and the WorkflowTaskFailed note
        assertThat(types.size()).isLessThanOrEqualTo(max + 2);
    }

    @Test
    void theHardLimitParksTheRunAndARestartWithAHigherLimitResumesIt() {
        Engine first = limited(5, 12, 100);
        WorkflowHandle<String> h = chat(first, "history-hard", 10);
        awaitParkedAtTheLimit(h, 12);
        stop(first);

        Engine second = limited(5, 1_000, 100);
        assertThat(second.client().handle("history-hard", String.class).result(WAIT)).isEqualTo("done");
        assertThat(TestWorkflows.CALLS).contains("step:s9#1");
    }

    @Test
    void theHardLimitHoldsForRunsReplayedAfterEviction() {
        Engine engine = limited(5, 12, 1);
        WorkflowHandle<String> a = chat(engine, "history-evict-a", 10);
        WorkflowHandle<String> b = chat(engine, "history-evict-b", 10);
        awaitParkedAtTheLimit(a, 12);
        awaitParkedAtTheLimit(b, 12);
    }

    @Test
    void badLimitsAreRejected() {
        assertThatThrownBy(() -> Engine.builder().historyLimits(0, 10)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("warnAfterEvents");
        assertThatThrownBy(() -> Engine.builder().historyLimits(10, 5)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("maxEvents");
    }
}
