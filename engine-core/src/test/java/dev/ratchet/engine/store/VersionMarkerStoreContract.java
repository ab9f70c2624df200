package dev.ratchet.engine.store;

import static dev.ratchet.engine.store.StoreContract.LONG_LEASE;
import static dev.ratchet.engine.store.StoreContract.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.engine.store.CommitResult.Status;
import dev.ratchet.engine.store.RunCommit.WorkflowTaskChange;
import dev.ratchet.engine.store.StoreContract.Commit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The getVersion markers a store keeps beside its runs ({@link RunCommit#versionMarkers()}) and the counts of open
 * runs per change and version ({@link WorkflowStore#countOpenRunsByVersion}), on every commit shape.
 */
public interface VersionMarkerStoreContract {

    /** The store under test, fresh for each test. */
    WorkflowStore store();

    @Test
    default void countsOpenRunsByTheVersionTheyRecorded() {
        // a run recording its marker in its creating commit, one in a claimed task, one appended at the end
        String created = UUID.randomUUID().toString();
        assertThat(commit(Commit.create(created, "v-1").type("Shop").build()
                .withVersionMarkers(List.of(new VersionMarker("change-a", 2), new VersionMarker("change-b", 1)))))
                .isEqualTo(Status.COMMITTED);
        String claimed = open("v-2", "Shop");
        long fence = store().claimWorkflowTask(claimed, "w1", LONG_LEASE).orElseThrow().fence();
        assertThat(commit(Commit.on(claimed).expectedNextSeq(2).workflowTask(WorkflowTaskChange.COMPLETE).fence(fence)
                .events(StoreContract.event("MarkerRecorded", 2)).build()
                .withVersionMarkers(List.of(new VersionMarker("change-a", 2))))).isEqualTo(Status.COMMITTED);
        String appended = open("v-3", "Shop");
        assertThat(commit(Commit.on(appended).events(StoreContract.event("MarkerRecorded", 2)).build()
                .withVersionMarkers(List.of(new VersionMarker("change-a", 1))))).isEqualTo(Status.COMMITTED);
        String none = open("v-4", "Shop");
        String otherType = open("v-5", "Other");
        assertThat(commit(Commit.on(otherType).events(StoreContract.event("MarkerRecorded", 2)).build()
                .withVersionMarkers(List.of(new VersionMarker("change-a", 2))))).isEqualTo(Status.COMMITTED);

        assertCounts("Shop", "change-a", 1, Map.of(1, 1L, 2, 2L));
        assertCounts("Shop", "change-b", 3, Map.of(1, 1L));
        assertCounts("Other", "change-a", 0, Map.of(2, 1L));
        assertCounts("Shop", "change-z", 4, Map.of());
        assertCounts("NoSuchType", "change-a", 0, Map.of());

        // a later marker for a change the run recorded keeps the first version
        assertThat(commit(Commit.on(appended).events(StoreContract.event("MarkerRecorded", 3)).build()
                .withVersionMarkers(List.of(new VersionMarker("change-a", 2))))).isEqualTo(Status.COMMITTED);
        assertCounts("Shop", "change-a", 1, Map.of(1, 1L, 2, 2L));

        // parked runs are open; closed runs are not counted
        assertThat(commit(Commit.on(claimed).events(StoreContract.event("WorkflowTaskFailed", 3))
                .status(RunStatus.PARKED).parkedError("bug").build())).isEqualTo(Status.COMMITTED);
        assertCounts("Shop", "change-a", 1, Map.of(1, 1L, 2, 2L));
        assertThat(commit(Commit.on(created).events(StoreContract.event("WorkflowCompleted", 2))
                .status(RunStatus.COMPLETED).closedAt(NOW + 1).build())).isEqualTo(Status.COMMITTED);
        assertThat(commit(Commit.on(none).events(StoreContract.event("WorkflowTerminated", 2))
                .status(RunStatus.TERMINATED).closedAt(NOW + 1).build())).isEqualTo(Status.COMMITTED);
        assertCounts("Shop", "change-a", 0, Map.of(1, 1L, 2, 1L));
        assertCounts("Shop", "change-b", 2, Map.of());
    }

    @Test
    default void aContinuationRecordsItsOwnMarkers() {
        String first = open("v-chain", "Shop");
        long fence = store().claimWorkflowTask(first, "w1", LONG_LEASE).orElseThrow().fence();
        String next = UUID.randomUUID().toString();
        RunCommit closing = Commit.on(first).expectedNextSeq(2).workflowTask(WorkflowTaskChange.COMPLETE).fence(fence)
                .events(StoreContract.event("MarkerRecorded", 2), StoreContract.event("WorkflowContinuedAsNew", 3))
                .status(RunStatus.CONTINUED_AS_NEW).closedAt(NOW + 3).build()
                .withVersionMarkers(List.of(new VersionMarker("change-a", 1)))
                .withContinuation(Commit.create(next, "v-chain").type("Shop").replaces(first).build()
                        .withVersionMarkers(List.of(new VersionMarker("change-a", 3))));
        assertThat(commit(closing)).isEqualTo(Status.COMMITTED);
        assertCounts("Shop", "change-a", 0, Map.of(3, 1L));
    }

    @Test
    default void aCommitRecordsAChangeOnce() {
        assertThatThrownBy(() -> Commit.on("r").build().withVersionMarkers(List.of(new VersionMarker("c", 1),
                new VersionMarker("c", 2)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one version marker per change ID");
        assertThatThrownBy(() -> new VersionMarker(" ", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private void assertCounts(String type, String changeId, long without, Map<Integer, Long> byVersion) {
        VersionCounts counts = store().countOpenRunsByVersion(type, changeId);
        assertThat(counts.withoutMarker()).as("%s %s without a marker", type, changeId).isEqualTo(without);
        assertThat(counts.byVersion()).as("%s %s by version", type, changeId).isEqualTo(byVersion);
    }

    private String open(String workflowId, String type) {
        String runId = UUID.randomUUID().toString();
        assertThat(commit(Commit.create(runId, workflowId).type(type).workflowTask(WorkflowTaskChange.SCHEDULE)
                .build())).isEqualTo(Status.COMMITTED);
        return runId;
    }

    private Status commit(RunCommit c) {
        return store().commit(List.of(c)).get(0).status();
    }
}
