package dev.ratchet.engine.store;

import static dev.ratchet.engine.store.StoreContract.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.engine.store.CommitResult.Status;
import dev.ratchet.engine.store.RunCommit.WorkflowTaskChange;
import dev.ratchet.engine.store.StoreContract.Commit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listing runs ({@link WorkflowStore#listRuns}): filters, newest-first order and cursor paging. */
public interface ListRunsStoreContract {

    /** The store under test, fresh for each test. */
    WorkflowStore store();

    @Test
    default void listsRunsNewestFirstByStatusAndTypeWithPaging() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String runId = "run-" + i;
            NewRun create = new NewRun("list-" + i, i % 2 == 0 ? "Even" : "Odd", "main", NOW + i / 2);
            RunCommit commit = RunCommit.builder(runId).create(create).expectedNextSeq(1)
                    .workflowTask(WorkflowTaskChange.SCHEDULE).event(StoreContract.event("WorkflowStarted", 1))
                    .token(i).build();
            assertThat(store().commit(List.of(commit)).get(0).status()).isEqualTo(Status.COMMITTED);
            created.add(runId);
        }
        store().commit(List.of(Commit.on("run-4").events(StoreContract.event("WorkflowCompleted", 2))
                .status(RunStatus.COMPLETED).closedAt(NOW + 9).build()));

        // creation times tie in pairs: the run ID breaks the tie, descending
        assertThat(ids(store().listRuns(RunQuery.first(null, null, 100))))
                .containsExactly("run-6", "run-5", "run-4", "run-3", "run-2", "run-1", "run-0");
        assertThat(ids(store().listRuns(RunQuery.first(null, "Even", 100))))
                .containsExactly("run-6", "run-4", "run-2", "run-0");
        assertThat(ids(store().listRuns(RunQuery.first(RunStatus.RUNNING, "Even", 100))))
                .containsExactly("run-6", "run-2", "run-0");
        assertThat(ids(store().listRuns(RunQuery.first(RunStatus.COMPLETED, null, 100)))).containsExactly("run-4");

        List<String> paged = new ArrayList<>();
        RunQuery q = RunQuery.first(null, null, 3);
        while (true) {
            List<RunRecord> page = store().listRuns(q);
            paged.addAll(ids(page));
            if (page.size() < 3) {
                break;
            }
            RunRecord last = page.get(page.size() - 1);
            q = new RunQuery(null, null, last.createdAt(), last.runId(), 3);
        }
        assertThat(paged).containsExactly("run-6", "run-5", "run-4", "run-3", "run-2", "run-1", "run-0");
        assertThat(store().listRuns(RunQuery.first(null, "NoSuchType", 10))).isEmpty();
    }

    @Test
    default void listsRunsCreatedWithinATimeRangeWithPaging() {
        // runs created at NOW + 0, 10, 20, ... 90; every third one completed
        for (int i = 0; i < 10; i++) {
            String runId = "t-run-" + i;
            NewRun create = new NewRun("range-" + i, i % 2 == 0 ? "Even" : "Odd", "main", NOW + 10L * i);
            RunCommit commit = RunCommit.builder(runId).create(create).expectedNextSeq(1)
                    .workflowTask(WorkflowTaskChange.SCHEDULE).event(StoreContract.event("WorkflowStarted", 1))
                    .token(i).build();
            assertThat(store().commit(List.of(commit)).get(0).status()).isEqualTo(Status.COMMITTED);
            if (i % 3 == 0) {
                store().commit(List.of(Commit.on(runId).events(StoreContract.event("WorkflowCompleted", 2))
                        .status(RunStatus.COMPLETED).closedAt(NOW + 100).build()));
            }
        }
        RunQuery all = RunQuery.first(null, null, 100);

        assertThat(ids(store().listRuns(all.createdBetween(NOW + 20, NOW + 50))))
                .as("both ends included").containsExactly("t-run-5", "t-run-4", "t-run-3", "t-run-2");
        assertThat(ids(store().listRuns(all.createdBetween(NOW + 71, Long.MAX_VALUE))))
                .containsExactly("t-run-9", "t-run-8");
        assertThat(ids(store().listRuns(all.createdBetween(Long.MIN_VALUE, NOW + 10))))
                .containsExactly("t-run-1", "t-run-0");
        assertThat(ids(store().listRuns(RunQuery.first(RunStatus.COMPLETED, null, 100)
                .createdBetween(NOW + 1, NOW + 90)))).containsExactly("t-run-9", "t-run-6", "t-run-3");
        assertThat(ids(store().listRuns(RunQuery.first(RunStatus.RUNNING, "Even", 100)
                .createdBetween(NOW + 20, NOW + 80)))).containsExactly("t-run-8", "t-run-4", "t-run-2");
        assertThat(ids(store().listRuns(RunQuery.first(null, "Odd", 100).createdBetween(NOW + 20, NOW + 80))))
                .containsExactly("t-run-7", "t-run-5", "t-run-3");
        assertThat(store().listRuns(all.createdBetween(NOW + 91, NOW + 99))).isEmpty();

        List<String> paged = new ArrayList<>();
        RunQuery q = RunQuery.first(null, null, 2).createdBetween(NOW + 10, NOW + 70);
        while (true) {
            List<RunRecord> page = store().listRuns(q);
            paged.addAll(ids(page));
            if (page.size() < 2) {
                break;
            }
            q = q.after(page.get(page.size() - 1));
        }
        assertThat(paged).containsExactly("t-run-7", "t-run-6", "t-run-5", "t-run-4", "t-run-3", "t-run-2",
                "t-run-1");
    }

    private static List<String> ids(List<RunRecord> runs) {
        return runs.stream().map(RunRecord::runId).toList();
    }
}
