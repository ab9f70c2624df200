package dev.ratchet.engine.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.api.NonDeterminismException;
import dev.ratchet.api.UnsupportedVersionException;
import dev.ratchet.api.WorkflowDescription;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowStatus;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.behaviour.VersionedWorkflows.Final;
import dev.ratchet.engine.behaviour.VersionedWorkflows.V1;
import dev.ratchet.engine.behaviour.VersionedWorkflows.V2;
import dev.ratchet.engine.behaviour.VersionedWorkflows.V3;
import dev.ratchet.engine.behaviour.VersionedWorkflows.V3Min;
import dev.ratchet.engine.behaviour.VersionedWorkflows.Versioned;
import dev.ratchet.engine.store.RunStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Workflow.getVersion}: the same recorded histories run through successive versions of the code (v1 without
 * the change, v2 and v3 with it), live, after eviction, after restarts, and parked when below the supported range.
 */
public abstract class VersioningTests extends ToolkitBehaviour {
    private static final long ONE_HOUR = Duration.ofHours(1).toMillis();
    private static final String OLD = "ONE|TWO|v-1";
    private static final String V1_RESULT = "ONE|TWO-V1|v1";
    private static final String V2_RESULT = "ONE|TWO-V2|v2";

    @Test
    void aLiveRunRecordsTheMaximumVersionOnceBetweenTheCommandsAroundIt() {
        Engine engine = engine(V2.class);
        WorkflowHandle<String> h = startVersioned(engine, "ver-live", 10L);
        assertThat(h.result(WAIT)).isEqualTo(V1_RESULT);
        assertThat(eventTypes(h.runId())).startsWith("WorkflowStarted", "WorkflowTaskCompleted",
                "ActivityScheduled", "ActivityCompleted", "WorkflowTaskCompleted", "MarkerRecorded",
                "ActivityScheduled");
        assertVersionMarkers(h.runId(), List.of(1));
    }

    @Test
    void aRunEvictedAfterItsMarkerReplaysTheRecordedVersion() {
        closeGate();
        Engine engine = evictingEngine(V2.class);
        WorkflowHandle<String> h = startVersioned(engine, "ver-evicted", 10L);
        awaitBlockingCall("mid");
        evictCachedRuns(engine);
        openGate();
        assertThat(h.result(WAIT)).isEqualTo(V1_RESULT);
        assertThat(ToolkitWorkflows.REPLAYS.get()).isPositive();
        assertVersionMarkers(h.runId(), List.of(1));
    }

    @Test
    void historiesRecordedByEachVersionFinishOnNewerCode() {
        Engine v1 = engine(V1.class);
        String v1a = startVersioned(v1, "v1-then-v2", ONE_HOUR).runId();
        String v1b = startVersioned(v1, "v1-then-v3", LONG_PAUSE).runId();
        awaitLongTimer(v1a);
        awaitLongTimer(v1b);
        stop(v1);

        // two hours later v2 is deployed: the first v1 history finishes on it, down the old branch
        Engine v2 = engineAhead(Duration.ofHours(2), V2.class);
        assertThat(v2.client().handle("v1-then-v2", String.class).result(WAIT)).isEqualTo(OLD);
        String v2b = startVersioned(v2, "v2-then-v3", ONE_HOUR).runId();
        awaitLongTimer(v2b);
        stop(v2);

        // six hours later v3: a v1 history and a v2 history finish on it, each down its own branch
        Engine v3 = engineAhead(AHEAD, V3.class);
        assertThat(v3.client().handle("v1-then-v3", String.class).result(WAIT)).isEqualTo(OLD);
        assertThat(v3.client().handle("v2-then-v3", String.class).result(WAIT)).isEqualTo(V1_RESULT);
        assertThat(startVersioned(v3, "v3-live", 10L).result(WAIT)).isEqualTo(V2_RESULT);

        assertVersionMarkers(v1a, List.of());
        assertVersionMarkers(v1b, List.of());
        assertVersionMarkers(v2b, List.of(1));
        assertVersionMarkers(run("v3-live").orElseThrow().runId(), List.of(2));
        assertThat(TestWorkflows.CALLS).filteredOn(c -> c.contains(":two")).containsExactlyInAnyOrder(
                "step:two#1", "step:two#1", "flaky:two-v1#1", "blocking:two-v2#1");
    }

    @Test
    void aHistoryBelowMinSupportedParksNamingTheChangeAndResumesOnCodeThatSupportsIt() {
        Engine v1 = engine(V1.class);
        WorkflowHandle<String> old = startVersioned(v1, "ver-old", ONE_HOUR);
        awaitLongTimer(old.runId());
        stop(v1);
        Engine v2 = engine(V2.class);
        WorkflowHandle<String> mid = startVersioned(v2, "ver-mid", ONE_HOUR);
        awaitLongTimer(mid.runId());
        stop(v2);

        Engine v3min = engineAhead(Duration.ofHours(2), V3Min.class);
        assertThat(v3min.client().handle("ver-mid", String.class).result(WAIT)).isEqualTo(V1_RESULT);
        Await.until(WAIT, "old run parked", () -> run("ver-old").map(r -> r.status() == RunStatus.PARKED)
                .orElse(false));
        WorkflowDescription d = v3min.client().describe("ver-old");
        assertThat(d.status()).isEqualTo(WorkflowStatus.PARKED);
        assertThat(d.parkedError()).contains("unsupported version of change 'second-step'").contains("ver-old")
                .contains(old.runId()).contains("Workflow.DEFAULT_VERSION")
                .contains("supports only versions 1 to 2");
        stop(v3min);

        Engine v3 = engineAhead(Duration.ofHours(2), V3.class);
        assertThat(v3.client().handle("ver-old", String.class).result(WAIT)).isEqualTo(OLD);
        assertVersionMarkers(old.runId(), List.of());
    }

    @Test
    void aSecondCallWhoseRangeExcludesTheRecordedVersionParksTheRun() {
        Engine engine = engine(ToolkitWorkflows.VersionConflictImpl.class);
        ToolkitWorkflows.VersionConflict wf = engine.client().newWorkflow(ToolkitWorkflows.VersionConflict.class,
                "ver-conflict");
        String runId = engine.client().start(wf::run).runId();
        Await.until(WAIT, "run parked", () -> run("ver-conflict").map(r -> r.status() == RunStatus.PARKED)
                .orElse(false));
        assertThat(engine.client().describe("ver-conflict").parkedError())
                .contains("unsupported version of change 'conflicting-change'").contains("follows version 1")
                .contains("supports only versions 2 to 3");
        assertThat(eventTypes(runId)).containsExactly("WorkflowStarted", "WorkflowTaskFailed");
    }

    @Test
    void finishedHistoriesReplayOnEveryVersionThatSupportsThemAndOnlyThere() {
        String h1 = finishedHistory(V1.class, "replay-v1");
        String h2 = finishedHistory(V2.class, "replay-v2");
        String h3 = finishedHistory(V3.class, "replay-v3");

        assertThat(replay(V2.class, "replay-v1", h1)).isTrue();
        assertThat(replay(V3.class, "replay-v1", h1)).isTrue();
        assertThat(replay(V3.class, "replay-v2", h2)).isTrue();
        assertThat(replay(V3Min.class, "replay-v2", h2)).isTrue();
        assertThat(replay(V3Min.class, "replay-v3", h3)).isTrue();
        // the getVersion call was removed once only version-1 runs were left: their markers are skipped
        assertThat(replay(Final.class, "replay-v2", h2)).isTrue();

        assertThatThrownBy(() -> replay(V3Min.class, "replay-v1", h1))
                .isInstanceOfSatisfying(UnsupportedVersionException.class, e -> {
                    assertThat(e.changeId()).isEqualTo("second-step");
                    assertThat(e.version()).isEqualTo(-1);
                });
        // rolled back below a recorded version: version 2 is above what v2 supports
        assertThatThrownBy(() -> replay(V2.class, "replay-v3", h3))
                .isInstanceOf(UnsupportedVersionException.class)
                .hasMessageContaining("follows version 2").hasMessageContaining("supports only versions -1 to 1");
        // code without the change cannot take the new branch of a history that recorded it
        assertThatThrownBy(() -> replay(V1.class, "replay-v2", h2))
                .isInstanceOf(NonDeterminismException.class)
                .hasMessageContaining("recorded ActivityScheduled(activityId=4, type=flaky)")
                .hasMessageContaining("issued ActivityScheduled(activityId=4, type=step)");
    }

    private String finishedHistory(Class<?> implementation, String workflowId) {
        Engine engine = engine(implementation);
        WorkflowHandle<String> h = startVersioned(engine, workflowId, 10L);
        h.result(WAIT);
        stop(engine);
        return h.runId();
    }

    private static WorkflowHandle<String> startVersioned(Engine engine, String workflowId, long pauseMillis) {
        Versioned wf = engine.client().newWorkflow(Versioned.class, workflowId);
        return engine.client().start(wf::run, pauseMillis);
    }

    private void assertVersionMarkers(String runId, List<Integer> versions) {
        List<JsonNode> markers = events(runId, "MarkerRecorded");
        assertThat(markers).allSatisfy(m -> {
            assertThat(m.get("marker").asText()).isEqualTo("Version");
            assertThat(m.get("id").asText()).isEqualTo("second-step");
        });
        assertThat(markers).extracting(m -> m.get("version").asInt()).containsExactlyElementsOf(versions);
    }
}
