package dev.ratchet.engine.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.behaviour.ToolkitWorkflows.SideEffects;
import dev.ratchet.engine.behaviour.ToolkitWorkflows.SideEffectsImpl;
import dev.ratchet.engine.store.RunStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code sideEffect} records its value once and {@code mutableSideEffect} records only changes: live, after eviction
 * (the replay reads recorded values although the source changed) and after an engine restart.
 */
public abstract class SideEffectTests extends ToolkitBehaviour {

    @Test
    void sideEffectsAreRecordedLive() {
        closeGate();
        Engine engine = engine(SideEffectsImpl.class);
        SideEffects wf = engine.client().newWorkflow(SideEffects.class, "se-live");
        WorkflowHandle<String> h = engine.client().start(wf::run, 10L);
        awaitBlockingCall("s");
        ToolkitWorkflows.CONFIG.set(2);
        openGate();
        String result = h.result(WAIT);
        assertThat(result).endsWith("|1122|true");
        assertRecorded(h.runId(), result, List.of(1, 2));
    }

    @Test
    void aReplayAfterEvictionReadsTheRecordedValuesWithoutCallingTheSuppliers() {
        closeGate();
        Engine engine = evictingEngine(SideEffectsImpl.class);
        SideEffects wf = engine.client().newWorkflow(SideEffects.class, "se-evicted");
        WorkflowHandle<String> h = engine.client().start(wf::run, 10L);
        awaitBlockingCall("s");
        evictCachedRuns(engine);
        // the source changed: the replayed reads before the change still see 1, the read after it sees 2
        ToolkitWorkflows.CONFIG.set(2);
        openGate();
        String result = h.result(WAIT);
        assertThat(result).endsWith("|1122|true");
        assertThat(ToolkitWorkflows.REPLAYS.get()).isPositive();
        assertRecorded(h.runId(), result, List.of(1, 2));
    }

    @Test
    void aRestartedEngineReplaysRecordedValuesAndRecordsOnlyNewChanges() {
        closeGate();
        Engine first = engine(SideEffectsImpl.class);
        SideEffects wf = first.client().newWorkflow(SideEffects.class, "se-restart");
        WorkflowHandle<String> h = first.client().start(wf::run, LONG_PAUSE);
        awaitBlockingCall("s");
        ToolkitWorkflows.CONFIG.set(2);
        openGate();
        awaitLongTimer(h.runId());
        stop(first);

        ToolkitWorkflows.CONFIG.set(3);
        Engine second = engineAhead(AHEAD, SideEffectsImpl.class);
        String result = second.client().handle("se-restart", String.class).result(WAIT);
        assertThat(result).endsWith("|1123|true");
        assertThat(ToolkitWorkflows.REPLAYS.get()).isPositive();
        assertRecorded(h.runId(), result, List.of(1, 2, 3));
    }

    @Test
    void aSupplierThatThrowsParksTheRunWithoutRecordingAValue() {
        Engine engine = engine(ToolkitWorkflows.BrokenSideEffectImpl.class);
        ToolkitWorkflows.BrokenSideEffect wf = engine.client().newWorkflow(ToolkitWorkflows.BrokenSideEffect.class,
                "se-broken");
        String runId = engine.client().start(wf::run).runId();
        Await.until(WAIT, "run parked", () -> run("se-broken").map(r -> r.status() == RunStatus.PARKED)
                .orElse(false));
        assertThat(engine.client().describe("se-broken").parkedError()).contains("se-broken")
                .contains("side effect #1").contains("config service down");
        assertThat(eventTypes(runId)).containsExactly("WorkflowStarted", "WorkflowTaskFailed");
    }

    /** One side-effect marker holding the value the result reports, and one mutable marker per distinct value. */
    private void assertRecorded(String runId, String result, List<Integer> mutableValues) {
        assertThat(ToolkitWorkflows.SIDE_EFFECT_CALLS.get()).isEqualTo(1);
        List<JsonNode> markers = events(runId, "MarkerRecorded");
        List<JsonNode> sideEffects = markers.stream().filter(m -> m.get("marker").asText().equals("SideEffect"))
                .toList();
        assertThat(sideEffects).hasSize(1);
        assertThat(sideEffects.get(0).get("id").asText()).isEqualTo("1");
        assertThat(result).startsWith(sideEffects.get(0).get("value").asText() + "|");
        assertThat(markers).filteredOn(m -> m.get("marker").asText().equals("MutableSideEffect"))
                .extracting(m -> m.get("value").asInt()).containsExactlyElementsOf(mutableValues);
        assertThat(TestWorkflows.CALLS).filteredOn(c -> c.startsWith("blocking:")).containsExactly("blocking:s#1");
    }
}
