package dev.ratchet.engine.store;

import static dev.ratchet.engine.store.StoreContract.LONG_LEASE;
import static dev.ratchet.engine.store.StoreContract.NOW;
import static dev.ratchet.engine.store.StoreContract.QUEUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.engine.store.CommitResult.Status;
import dev.ratchet.engine.store.RunCommit.WorkflowTaskChange;
import dev.ratchet.engine.store.StoreContract.Commit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The rules for runs that replace the latest run of a workflow ID ({@link NewRun#replacesRunId()}): workflow ID reuse
 * after a run closed, and continue-as-new, where the closing commit carries its successor as a
 * {@link RunCommit#continuation()}. {@link StoreContract} implements it, so every store runs these tests.
 */
public interface RunChainStoreContract {

    /** The store under test, fresh for each test. */
    WorkflowStore store();

    @Test
    default void aNewRunReplacesTheClosedLatestRunOfAWorkflowId() {
        String first = open("chain-1");
        close(first);
        String second = UUID.randomUUID().toString();

        CommitResult r = commitOne(Commit.create(second, "chain-1").replaces(first)
                .workflowTask(WorkflowTaskChange.SCHEDULE).build());

        assertThat(r.status()).isEqualTo(Status.COMMITTED);
        assertThat(store().findByWorkflowId("chain-1").orElseThrow().runId()).isEqualTo(second);
        assertThat(store().findRun(first).orElseThrow().status()).as("the old run stays readable")
                .isEqualTo(RunStatus.COMPLETED);
        assertThat(store().loadHistory(first, 1)).hasSize(2);
        assertThat(store().claimWorkflowTask(second, "w1", LONG_LEASE)).isPresent();
    }

    @Test
    default void replacingAnOpenRunIsADuplicateAndWritesNothing() {
        String first = open("chain-1");
        String second = UUID.randomUUID().toString();

        CommitResult r = commitOne(Commit.create(second, "chain-1").replaces(first)
                .timer(second, "t", NOW).build());

        assertThat(r.status()).isEqualTo(Status.DUPLICATE_ID);
        assertThat(r.existingRunId()).isEqualTo(first);
        assertThat(store().findRun(second)).isEmpty();
        assertThat(store().findByWorkflowId("chain-1").orElseThrow().runId()).isEqualTo(first);
        assertThat(store().dueTimers(NOW, 10)).isEmpty();
    }

    @Test
    default void onlyTheLatestRunCanBeReplacedAndAPlainCreateStaysADuplicate() {
        String first = open("chain-1");
        close(first);
        String second = UUID.randomUUID().toString();
        assertThat(commitOne(Commit.create(second, "chain-1").replaces(first).build()).status())
                .isEqualTo(Status.COMMITTED);
        close(second);
        String third = UUID.randomUUID().toString();

        CommitResult stale = commitOne(Commit.create(third, "chain-1").replaces(first).build());
        CommitResult plain = commitOne(Commit.create(third, "chain-1").build());

        assertThat(stale.status()).isEqualTo(Status.DUPLICATE_ID);
        assertThat(stale.existingRunId()).isEqualTo(second);
        assertThat(plain.status()).isEqualTo(Status.DUPLICATE_ID);
        assertThat(plain.existingRunId()).isEqualTo(second);
        assertThat(store().findRun(third)).isEmpty();
    }

    @Test
    default void replacingOnAFreeWorkflowIdIsAConflict() {
        String run = UUID.randomUUID().toString();
        CommitResult r = commitOne(Commit.create(run, "never-used").replaces("some-run").build());

        assertThat(r.status()).isEqualTo(Status.CONFLICT);
        assertThat(store().findRun(run)).isEmpty();
        assertThat(store().findByWorkflowId("never-used")).isEmpty();
    }

    @Test
    default void aClosingCommitCreatesItsContinuationAtomically() {
        String first = open("chain-1");
        long fence = store().claimWorkflowTask(first, "w1", LONG_LEASE).orElseThrow().fence();
        String next = UUID.randomUUID().toString();
        RunCommit closing = Commit.on(first).expectedNextSeq(2).workflowTask(WorkflowTaskChange.COMPLETE).fence(fence)
                .events(StoreContract.event("WorkflowContinuedAsNew", 5)).status(RunStatus.CONTINUED_AS_NEW)
                .closedAt(NOW + 5).build()
                .withContinuation(Commit.create(next, "chain-1").replaces(first).timer(next, "run-timeout", NOW + 9)
                        .workflowTask(WorkflowTaskChange.SCHEDULE).build());

        assertThat(commitOne(closing).status()).isEqualTo(Status.COMMITTED);
        assertThat(store().findRun(first).orElseThrow().status()).isEqualTo(RunStatus.CONTINUED_AS_NEW);
        assertThat(store().findRun(first).orElseThrow().closedAt()).isEqualTo(NOW + 5);
        assertThat(store().findRun(first).orElseThrow().replacesRunId()).isNull();
        assertThat(store().loadHistory(first, 1)).extracting(HistoryEvent::type)
                .containsExactly("WorkflowStarted", "WorkflowContinuedAsNew");
        RunRecord latest = store().findByWorkflowId("chain-1").orElseThrow();
        assertThat(latest.runId()).isEqualTo(next);
        assertThat(latest.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(latest.replacesRunId()).as("the run it continues").isEqualTo(first);
        assertThat(store().loadHistory(next, 1)).extracting(HistoryEvent::seq).containsExactly(1L);
        assertThat(store().dueTimers(NOW + 9, 10)).containsExactly(new DueTimer(next, "run-timeout", NOW + 9));
        assertThat(store().claimWorkflowTask(next, "w1", LONG_LEASE)).isPresent();
    }

    @Test
    default void aFailingHalfOfAContinuationWritesNeitherHalf() {
        String first = open("chain-1");
        long fence = store().claimWorkflowTask(first, "w1", LONG_LEASE).orElseThrow().fence();
        String taken = open("other");
        String next = UUID.randomUUID().toString();

        // the continuation fails: its run ID is taken
        RunCommit badNext = closing(first, fence).withContinuation(Commit.create(taken, "chain-1").replaces(first)
                .build());
        assertThat(commitOne(badNext).status()).isEqualTo(Status.CONFLICT);
        // the closing half fails: a stale fence
        RunCommit badClose = closing(first, fence + 100).withContinuation(Commit.create(next, "chain-1")
                .replaces(first).build());
        assertThat(commitOne(badClose).status()).isEqualTo(Status.CONFLICT);

        assertThat(store().findRun(first).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(store().loadHistory(first, 1)).hasSize(1);
        assertThat(store().findRun(next)).isEmpty();
        assertThat(store().findByWorkflowId("chain-1").orElseThrow().runId()).isEqualTo(first);
        assertThat(commitOne(closing(first, fence).withContinuation(Commit.create(next, "chain-1").replaces(first)
                .build())).status()).as("and the same commit with both halves valid passes")
                .isEqualTo(Status.COMMITTED);
    }

    @Test
    default void aContinuationMustReplaceTheRunItsCommitCloses() {
        String first = open("chain-1");
        assertThatThrownBy(() -> Commit.on(first).events(StoreContract.event("X", 1)).build()
                .withContinuation(Commit.create("n", "chain-1").replaces(first).build()))
                .as("the commit does not close its run").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> closing(first, 1).withContinuation(Commit.create("n", "chain-1").build()))
                .as("the continuation replaces nothing").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void concurrentReplacersOfOneClosedRunMakeExactlyOneNewRun() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String workflowId = "reuse-race-" + round;
                String first = open(workflowId);
                close(first);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<CommitResult>> attempts = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    attempts.add(pool.submit(() -> {
                        RunCommit c = Commit.create(UUID.randomUUID().toString(), workflowId).replaces(first).build();
                        go.await();
                        return commitOne(c);
                    }));
                }
                go.countDown();
                List<Status> statuses = new ArrayList<>();
                for (Future<CommitResult> f : attempts) {
                    statuses.add(f.get(60, TimeUnit.SECONDS).status());
                }
                assertThat(statuses).containsExactlyInAnyOrder(Status.COMMITTED, Status.DUPLICATE_ID);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private RunCommit closing(String runId, long fence) {
        return Commit.on(runId).expectedNextSeq(2).workflowTask(WorkflowTaskChange.COMPLETE).fence(fence)
                .events(StoreContract.event("WorkflowContinuedAsNew", 5)).status(RunStatus.COMPLETED)
                .closedAt(NOW + 5).build();
    }

    private String open(String workflowId) {
        String runId = UUID.randomUUID().toString();
        assertThat(commitOne(Commit.create(runId, workflowId).queue(QUEUE).workflowTask(WorkflowTaskChange.SCHEDULE)
                .build()).status()).isEqualTo(Status.COMMITTED);
        return runId;
    }

    private void close(String runId) {
        assertThat(commitOne(Commit.on(runId).events(StoreContract.event("WorkflowCompleted", 3))
                .status(RunStatus.COMPLETED).closedAt(NOW + 3).build()).status()).isEqualTo(Status.COMMITTED);
    }

    private CommitResult commitOne(RunCommit c) {
        List<CommitResult> results = store().commit(List.of(c));
        assertThat(results).hasSize(1);
        return results.get(0);
    }
}
