package dev.ratchet.engine.store;

import static dev.ratchet.engine.store.StoreContract.LONG_LEASE;
import static dev.ratchet.engine.store.StoreContract.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.engine.store.CommitResult.Status;
import dev.ratchet.engine.store.RunCommit.WorkflowTaskChange;
import dev.ratchet.engine.store.StoreContract.Commit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every closed status ({@link RunStatus#isClosed()}) closes a run the same way: its tasks and timers go, its history
 * never grows again, and lists find it by that status. Both commit shapes are covered: a lone commit under a workflow
 * task claim (a store's fast path, if it has one) and an append at the end (the general path).
 */
public interface RunStatusStoreContract {

    /** The store under test, fresh for each test. */
    WorkflowStore store();

    @Test
    default void everyClosedStatusClosesTheRunForGood() {
        int n = 0;
        for (RunStatus status : RunStatus.CLOSED) {
            for (boolean claimed : new boolean[] {true, false}) {
                String runId = UUID.randomUUID().toString();
                String workflowId = "status-" + (++n);
                assertThat(commit(Commit.create(runId, workflowId).workflowTask(WorkflowTaskChange.SCHEDULE)
                        .timer(runId, "t1", NOW + 1).activity(runId, "a1", null).build())).isEqualTo(Status.COMMITTED);
                Commit closing;
                if (claimed) {
                    long fence = store().claimWorkflowTask(runId, "w1", LONG_LEASE).orElseThrow().fence();
                    closing = Commit.on(runId).expectedNextSeq(2).workflowTask(WorkflowTaskChange.COMPLETE)
                            .fence(fence);
                } else {
                    closing = Commit.on(runId);
                }
                assertThat(commit(closing.events(StoreContract.event("Closing", 2)).status(status)
                        .closedAt(NOW + 7).build())).as("closing %s", status).isEqualTo(Status.COMMITTED);

                RunRecord r = store().findRun(runId).orElseThrow();
                assertThat(r.status()).isEqualTo(status);
                assertThat(r.closedAt()).isEqualTo(NOW + 7);
                assertThat(store().findByWorkflowId(workflowId).orElseThrow().status()).isEqualTo(status);
                assertThat(store().findActivityTask(runId, "a1")).as("activities of a %s run", status).isEmpty();
                assertThat(store().dueTimers(NOW + 10, 100)).noneMatch(t -> t.runId().equals(runId));
                assertThat(store().claimWorkflowTask(runId, "w1", LONG_LEASE)).isEmpty();
                assertThat(commit(Commit.on(runId).workflowTask(WorkflowTaskChange.SCHEDULE).build()))
                        .as("appending to a %s run", status).isEqualTo(Status.CONFLICT);
                assertThat(store().loadHistory(runId, 1)).hasSize(2);
                assertThat(store().listRuns(RunQuery.first(status, null, 100))).extracting(RunRecord::runId)
                        .contains(runId);
                assertThat(store().listRuns(RunQuery.first(RunStatus.RUNNING, null, 100)))
                        .extracting(RunRecord::runId).doesNotContain(runId);
            }
        }
        assertThat(store().unparkRuns(List.of(StoreContract.TYPE))).isZero();
    }

    @Test
    default void aClosedStatusOfAnyKindMayBeReplaced() {
        String first = UUID.randomUUID().toString();
        assertThat(commit(Commit.create(first, "replaced").build())).isEqualTo(Status.COMMITTED);
        assertThat(commit(Commit.on(first).events(StoreContract.event("WorkflowTerminated", 2))
                .status(RunStatus.TERMINATED).closedAt(NOW + 1).build())).isEqualTo(Status.COMMITTED);
        String second = UUID.randomUUID().toString();

        assertThat(commit(Commit.create(second, "replaced").replaces(first).build())).isEqualTo(Status.COMMITTED);

        RunRecord latest = store().findByWorkflowId("replaced").orElseThrow();
        assertThat(latest.runId()).isEqualTo(second);
        assertThat(latest.replacesRunId()).isEqualTo(first);
        assertThat(store().findRun(first).orElseThrow().replacesRunId()).isNull();
    }

    @Test
    default void timersKeptAfterTheCloseOutliveItUntilDeleted() {
        for (boolean claimed : new boolean[] {true, false}) {
            String runId = UUID.randomUUID().toString();
            assertThat(commit(Commit.create(runId, "kept-" + claimed).workflowTask(WorkflowTaskChange.SCHEDULE)
                    .timer(runId, "old", NOW + 1).build())).isEqualTo(Status.COMMITTED);
            Commit closing = Commit.on(runId);
            if (claimed) {
                long fence = store().claimWorkflowTask(runId, "w1", LONG_LEASE).orElseThrow().fence();
                closing = closing.expectedNextSeq(2).workflowTask(WorkflowTaskChange.COMPLETE).fence(fence);
            }
            RunCommit c = closing.events(StoreContract.event("WorkflowTerminated", 2)).timer(runId, "dropped", NOW + 2)
                    .status(RunStatus.TERMINATED).closedAt(NOW + 2).build()
                    .withAfterCloseTimers(List.of(new NewTimer(runId, "kept", NOW + 3)));
            assertThat(commit(c)).isEqualTo(Status.COMMITTED);

            assertThat(store().dueTimers(NOW + 10, 100)).filteredOn(t -> t.runId().equals(runId))
                    .containsExactly(new DueTimer(runId, "kept", NOW + 3));
            assertThat(commit(Commit.on(runId).firesTimer("kept").build())).as("the run stays closed")
                    .isEqualTo(Status.CONFLICT);
            assertThat(store().deleteTimer(runId, "kept")).isTrue();
            assertThat(store().deleteTimer(runId, "kept")).isFalse();
            assertThat(store().dueTimers(NOW + 10, 100)).noneMatch(t -> t.runId().equals(runId));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Commit.on("r").events(StoreContract.event("E", 1))
                .build().withAfterCloseTimers(List.of(new NewTimer("r", "t", NOW))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closes it");
    }

    private Status commit(RunCommit c) {
        return store().commit(List.of(c)).get(0).status();
    }
}
