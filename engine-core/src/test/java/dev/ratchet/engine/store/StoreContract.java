package dev.ratchet.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.engine.store.CommitResult.Status;
import dev.ratchet.engine.store.RunCommit.WorkflowTaskChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link WorkflowStore} must honour: a store implementation proves itself by extending this class
 * and returning fresh, empty, opened stores from {@link #newStore()}.
 *
 * <p>Lease expiry is tested with short leases and polling up to a deadline, never with a fixed sleep as the assertion,
 * so the suite holds on a slow machine. Engine times ({@code nowMillis}, {@code availableAt}, {@code fireAt}) are fixed
 * numbers, as the store must take them from the caller. The activity rules (deadlines, timeout sweep, heartbeats,
 * detachment) live in {@link ActivityStoreContract}, which this class runs too.
 */
public abstract class StoreContract implements ActivityStoreContract, RunChainStoreContract,
        ListRunsStoreContract, RunStatusStoreContract, VersionMarkerStoreContract, RequestStoreContract {
    /** Engine clock for the tests: any fixed epoch ms. */
    protected static final long NOW = 1_700_000_000_000L;
    protected static final String QUEUE = "main";
    protected static final String TYPE = "OrderWorkflow";
    protected static final Duration LONG_LEASE = Duration.ofSeconds(60);
    protected static final Duration SHORT_LEASE = Duration.ofMillis(150);
    protected static final Duration DEADLINE = Duration.ofSeconds(15);

    private static final AtomicLong TOKENS = new AtomicLong(1);

    protected WorkflowStore store;

    /** A new, empty, opened store; the suite closes it after each test. */
    protected abstract WorkflowStore newStore();

    @Override
    public WorkflowStore store() {
        return store;
    }

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    // ---------------------------------------------------------------- runs, events, workflow IDs

    @Test
    void createsARunWithItsFirstEvents() {
        String runId = newRunId();
        CommitResult result = commit(Commit.create(runId, "order-1").events(event("WorkflowStarted", 1),
                event("Marker", 2)).workflowTask(WorkflowTaskChange.SCHEDULE));

        assertThat(result.status()).isEqualTo(Status.COMMITTED);
        RunRecord run = store.findRun(runId).orElseThrow();
        assertThat(run).isEqualTo(new RunRecord("order-1", runId, TYPE, QUEUE, RunStatus.RUNNING, 3, NOW, 0, null));
        assertThat(store.findByWorkflowId("order-1")).contains(run);
        assertThat(store.loadHistory(runId, 1)).containsExactly(
                new HistoryEvent(1, "WorkflowStarted", NOW + 1, "{\"n\":1}"),
                new HistoryEvent(2, "Marker", NOW + 2, "{\"n\":2}"));
        assertThat(store.findRun("no-such-run")).isEmpty();
        assertThat(store.findByWorkflowId("no-such-workflow")).isEmpty();
    }

    @Test
    void secondCreateOfAWorkflowIdIsADuplicateAndWritesNothing() {
        String first = start("order-1");
        String second = newRunId();

        CommitResult result = commit(Commit.create(second, "order-1").workflowTask(WorkflowTaskChange.SCHEDULE)
                .timer(second, "t1", NOW).activity(second, "a1", null));

        assertThat(result.status()).isEqualTo(Status.DUPLICATE_ID);
        assertThat(result.existingRunId()).isEqualTo(first);
        assertThat(store.findRun(second)).isEmpty();
        assertThat(store.loadHistory(second, 1)).isEmpty();
        assertThat(store.findByWorkflowId("order-1").orElseThrow().runId()).isEqualTo(first);
        assertThat(store.dueTimers(NOW, 10)).isEmpty();
        assertThat(claimActivities("w", 10, LONG_LEASE)).isEmpty();
    }

    @Test
    void concurrentCreatesOfOneWorkflowIdMakeExactlyOneRun() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String workflowId = "race-" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> attempts = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    attempts.add(pool.submit(() -> {
                        String runId = newRunId();
                        go.await();
                        CommitResult r = commit(Commit.create(runId, workflowId)
                                .workflowTask(WorkflowTaskChange.SCHEDULE));
                        return r.isCommitted() ? "won:" + runId : r.status() + ":" + r.existingRunId();
                    }));
                }
                go.countDown();
                List<String> outcomes = new ArrayList<>();
                for (Future<String> f : attempts) {
                    outcomes.add(f.get(30, TimeUnit.SECONDS));
                }
                String winner = store.findByWorkflowId(workflowId).orElseThrow().runId();
                assertThat(outcomes).as("round %d", round)
                        .containsExactlyInAnyOrder("won:" + winner, "DUPLICATE_ID:" + winner);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void staleExpectedNextSeqIsAConflictAndWritesNothing() {
        String runId = start("order-1");
        assertThat(commit(Commit.on(runId).expectedNextSeq(2).events(event("SignalReceived", 5))).status())
                .isEqualTo(Status.COMMITTED);

        CommitResult stale = commit(Commit.on(runId).expectedNextSeq(2).events(event("Late", 6))
                .workflowTask(WorkflowTaskChange.SCHEDULE).timer(runId, "t1", NOW)
                .activity(runId, "a1", null).status(RunStatus.COMPLETED));

        assertThat(stale.status()).isEqualTo(Status.CONFLICT);
        assertThat(stale.detail()).isNotBlank();
        assertThat(store.loadHistory(runId, 1)).extracting(HistoryEvent::type)
                .containsExactly("WorkflowStarted", "SignalReceived");
        RunRecord run = store.findRun(runId).orElseThrow();
        assertThat(run.nextSeq()).isEqualTo(3);
        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(store.nextTimerDue()).isEmpty();
        assertThat(claimActivities("w", 10, LONG_LEASE)).isEmpty();
    }

    @Test
    void appendsAtTheEndGetGaplessNumbersUnderConcurrentAppenders() throws Exception {
        String runId = start("order-1");
        int threads = 4;
        int perThread = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        CommitResult r = commit(Commit.on(runId).events(
                                new HistoryEvent(0, "Signal", NOW, "{\"t\":" + thread + ",\"i\":" + i + "}")));
                        assertThat(r.status()).isEqualTo(Status.COMMITTED);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<HistoryEvent> history = store.loadHistory(runId, 1);
        int total = 1 + threads * perThread;
        assertThat(history).extracting(HistoryEvent::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(history.subList(1, total)).extracting(HistoryEvent::attributes).doesNotHaveDuplicates()
                .hasSize(threads * perThread);
        for (int t = 0; t < threads; t++) {
            String prefix = "{\"t\":" + t + ",";
            assertThat(history).extracting(HistoryEvent::attributes).filteredOn(a -> a.startsWith(prefix))
                    .as("thread %d's appends in its own order", t)
                    .containsExactlyElementsOf(IntStream.range(0, perThread)
                            .mapToObj(i -> prefix + "\"i\":" + i + "}").toList());
        }
        assertThat(store.findRun(runId).orElseThrow().nextSeq()).isEqualTo(total + 1);
    }

    @Test
    void historyLoadsInOrderFromAnySeq() {
        String runId = start("order-1");
        commit(Commit.on(runId).expectedNextSeq(2).events(event("A", 2), event("B", 3), event("C", 4)));
        commit(Commit.on(runId).events(event("D", 5)));

        assertThat(store.loadHistory(runId, 1)).extracting(HistoryEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(store.loadHistory(runId, 3)).extracting(HistoryEvent::type).containsExactly("B", "C", "D");
        assertThat(store.loadHistory(runId, 6)).isEmpty();
        assertThat(store.loadHistory("no-such-run", 1)).isEmpty();
    }

    // ---------------------------------------------------------------- workflow tasks

    @Test
    void workflowTaskPreconditions() {
        String runId = start("order-1");

        CommitResult requireNone = commit(Commit.on(runId).workflowTask(WorkflowTaskChange.REQUIRE_NONE));
        assertThat(requireNone.status()).as("REQUIRE_NONE with a pending task").isEqualTo(Status.CONFLICT);

        CommitResult unclaimed = commit(Commit.on(runId).workflowTask(WorkflowTaskChange.COMPLETE).fence(0));
        assertThat(unclaimed.status()).as("COMPLETE of an unclaimed task").isEqualTo(Status.CONFLICT);

        WorkflowTaskClaim claim = store.claimWorkflowTask(runId, "w1", LONG_LEASE).orElseThrow();
        assertThat(claim.workflowId()).isEqualTo("order-1");
        CommitResult stale = commit(Commit.on(runId).workflowTask(WorkflowTaskChange.COMPLETE)
                .fence(claim.fence() - 1));
        assertThat(stale.status()).as("COMPLETE with a stale fence").isEqualTo(Status.CONFLICT);

        assertThat(commit(Commit.on(runId).workflowTask(WorkflowTaskChange.COMPLETE).fence(claim.fence())).status())
                .isEqualTo(Status.COMMITTED);
        assertThat(store.loadHistory(runId, 1)).hasSize(2);
        assertThat(store.claimWorkflowTask(runId, "w1", LONG_LEASE)).as("completed task is gone").isEmpty();
        assertThat(commit(Commit.on(runId).workflowTask(WorkflowTaskChange.REQUIRE_NONE)).status())
                .isEqualTo(Status.COMMITTED);
    }

    @Test
    void scheduleIsIdempotentAndKeepsAClaimedTask() {
        String runId = start("order-1");
        assertThat(commit(Commit.on(runId).workflowTask(WorkflowTaskChange.SCHEDULE)).status())
                .isEqualTo(Status.COMMITTED);
        List<WorkflowTaskClaim> claims = store.claimWorkflowTasks(List.of(QUEUE), "w1", 10, LONG_LEASE, NOW);
        assertThat(claims).extracting(WorkflowTaskClaim::runId).containsExactly(runId);

        assertThat(commit(Commit.on(runId).workflowTask(WorkflowTaskChange.SCHEDULE)).status())
                .isEqualTo(Status.COMMITTED);
        assertThat(store.claimWorkflowTasks(List.of(QUEUE), "w2", 10, LONG_LEASE, NOW))
                .as("the claimed task stays claimed").isEmpty();
        assertThat(commit(Commit.on(runId).workflowTask(WorkflowTaskChange.COMPLETE)
                .fence(claims.get(0).fence())).status()).isEqualTo(Status.COMMITTED);
    }

    @Test
    void claimsWorkflowTasksOfTheGivenQueuesWhenAvailable() {
        String a = start("order-a");
        String b = startOn("order-b", "other-queue");
        WorkflowTaskClaim claim = store.claimWorkflowTask(a, "w1", LONG_LEASE).orElseThrow();
        assertThat(store.releaseWorkflowTask(a, claim.fence(), NOW + 1000)).isTrue();

        assertThat(store.claimWorkflowTasks(List.of(QUEUE), "w1", 10, LONG_LEASE, NOW))
                .as("released until NOW + 1000").isEmpty();
        assertThat(store.claimWorkflowTasks(List.of(QUEUE), "w1", 0, LONG_LEASE, NOW + 1000)).isEmpty();
        List<WorkflowTaskClaim> later = store.claimWorkflowTasks(List.of(QUEUE), "w1", 10, LONG_LEASE, NOW + 1000);
        assertThat(later).extracting(WorkflowTaskClaim::runId).containsExactly(a);
        assertThat(later.get(0).fence()).isGreaterThan(claim.fence());
        assertThat(store.claimWorkflowTasks(List.of("other-queue", "third"), "w1", 10, LONG_LEASE, NOW))
                .extracting(WorkflowTaskClaim::runId).containsExactly(b);
    }

    @Test
    void concurrentClaimersNeverShareAWorkflowTask() throws Exception {
        int runs = 24;
        for (int i = 0; i < runs; i++) {
            start("order-" + i);
        }
        Set<String> claimed = ConcurrentHashMap.newKeySet();
        List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        runConcurrently(4, worker -> {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (claimed.size() < runs && System.nanoTime() < deadline) {
                for (WorkflowTaskClaim c : store.claimWorkflowTasks(List.of(QUEUE), "w" + worker, 3, LONG_LEASE,
                        NOW)) {
                    if (!claimed.add(c.runId())) {
                        duplicates.add(c.runId());
                    }
                }
            }
        });
        assertThat(duplicates).isEmpty();
        assertThat(claimed).hasSize(runs);
    }

    @Test
    void aClaimedWorkflowTaskIsClaimableAgainOnlyAfterItsLeaseExpires() {
        String runId = start("order-1");
        WorkflowTaskClaim first = store.claimWorkflowTask(runId, "w1", SHORT_LEASE).orElseThrow();
        WorkflowTaskClaim held = store.claimWorkflowTask(start("order-2"), "w1", LONG_LEASE).orElseThrow();

        WorkflowTaskClaim second = await("the expired workflow task to be claimable", () -> store
                .claimWorkflowTasks(List.of(QUEUE), "w2", 10, LONG_LEASE, NOW).stream().findFirst());
        assertThat(second.runId()).isEqualTo(runId);
        assertThat(second.fence()).isGreaterThan(first.fence());
        assertThat(store.claimWorkflowTasks(List.of(QUEUE), "w3", 10, LONG_LEASE, NOW))
                .as("both tasks are held under live leases").isEmpty();
        assertThat(store.claimWorkflowTask(held.runId(), "w3", LONG_LEASE)).isEmpty();

        assertThat(commit(Commit.on(runId).workflowTask(WorkflowTaskChange.COMPLETE).fence(first.fence())).status())
                .as("the lost claim cannot complete").isEqualTo(Status.CONFLICT);
        assertThat(store.releaseWorkflowTask(runId, first.fence(), NOW)).as("nor release").isFalse();
        assertThat(commit(Commit.on(runId).workflowTask(WorkflowTaskChange.COMPLETE).fence(second.fence())).status())
                .isEqualTo(Status.COMMITTED);
    }

    /**
     * A workflow task re-created after a completion must not restart its fences, or a claim lost on the old task
     * could release or complete the new one.
     */
    @Test
    void fencesOfARunsWorkflowTasksNeverRepeat() {
        String runId = start("order-1");
        Set<Long> fences = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            WorkflowTaskClaim claim = store.claimWorkflowTask(runId, "w1", LONG_LEASE).orElseThrow();
            assertThat(fences.add(claim.fence())).as("fence %d is new", claim.fence()).isTrue();
            assertThat(commit(Commit.on(runId).workflowTask(WorkflowTaskChange.COMPLETE).fence(claim.fence()))
                    .status()).isEqualTo(Status.COMMITTED);
            commit(Commit.on(runId).workflowTask(WorkflowTaskChange.SCHEDULE));
        }
    }

    // ---------------------------------------------------------------- activity tasks

    @Test
    void concurrentClaimersNeverShareAnActivityTask() throws Exception {
        String runId = start("order-1");
        int tasks = 60;
        Commit schedule = Commit.on(runId);
        for (int i = 0; i < tasks; i++) {
            schedule.activity(runId, "a" + i, null);
        }
        assertThat(commit(schedule).status()).isEqualTo(Status.COMMITTED);

        Set<String> claimed = ConcurrentHashMap.newKeySet();
        List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        runConcurrently(4, worker -> {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (claimed.size() < tasks && System.nanoTime() < deadline) {
                for (ActivityTask t : claimActivities("w" + worker, 4, LONG_LEASE)) {
                    assertThat(t.attempt()).isEqualTo(1);
                    if (!claimed.add(t.activityId())) {
                        duplicates.add(t.activityId());
                    }
                }
            }
        });
        assertThat(duplicates).isEmpty();
        assertThat(claimed).hasSize(tasks);
    }

    @Test
    void aClaimedActivityIsReclaimedAfterItsLeaseExpiresAsAnAbandonedNewAttempt() {
        String runId = start("order-1");
        commit(Commit.on(runId).activityFull(new NewActivityTask(runId, "order-1", "a1", "charge", QUEUE, "[1]",
                "{\"t\":1}", NOW, NOW, ActivityTimeouts.NONE, null, 0)));
        ActivityTask first = claimActivities("w1", 10, SHORT_LEASE).get(0);
        assertThat(first).isEqualTo(new ActivityTask(runId, "order-1", "a1", "charge", QUEUE, "[1]", "{\"t\":1}", 1,
                first.fence(), false, null, NOW, NOW, NOW, 0, null, ActivityTimeouts.NONE, false, false));

        ActivityTask second = await("the expired activity task to be claimable",
                () -> claimActivities("w2", 10, LONG_LEASE).stream().findFirst());
        assertThat(second.activityId()).isEqualTo("a1");
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.fence()).isGreaterThan(first.fence());
        assertThat(second.abandoned()).isTrue();
        assertThat(claimActivities("w3", 10, LONG_LEASE)).isEmpty();

        assertThat(store.retryActivity(runId, "a1", first.fence(), NOW, "{}")).as("stale retry").isFalse();
        assertThat(commit(Commit.on(runId).completesActivity("a1", first.fence())).status())
                .as("stale completion").isEqualTo(Status.CONFLICT);
        assertThat(commit(Commit.on(runId).completesActivity("a1", second.fence())).status())
                .isEqualTo(Status.COMMITTED);
        assertThat(commit(Commit.on(runId).completesActivity("a1", second.fence())).status())
                .as("completed once").isEqualTo(Status.CONFLICT);
        assertThat(store.loadHistory(runId, 1)).hasSize(3);
    }

    /** An engine records outcomes that arrived together in one commit: every claim is checked, or nothing is written. */
    @Test
    void oneCommitCompletesSeveralActivitiesOnlyIfEveryFenceIsCurrent() {
        String runId = start("order-1");
        commit(Commit.on(runId).activity(runId, "a1", null).activity(runId, "a2", null).activity(runId, "a3", null));
        Map<String, Long> fences = new HashMap<>();
        claimActivities("w1", 10, LONG_LEASE).forEach(t -> fences.put(t.activityId(), t.fence()));
        assertThat(fences).containsOnlyKeys("a1", "a2", "a3");
        long before = store.loadHistory(runId, 1).size();

        CommitResult stale = commit(Commit.on(runId).completesActivity("a1", fences.get("a1"))
                .completesActivity("a2", fences.get("a2") + 1).events(event("A1", 1), event("A2", 2)));
        assertThat(stale.status()).as("one stale fence").isEqualTo(Status.CONFLICT);
        assertThat(store.loadHistory(runId, 1)).as("nothing written").hasSize((int) before);

        CommitResult both = commit(Commit.on(runId).completesActivity("a1", fences.get("a1"))
                .completesActivity("a2", fences.get("a2")).events(event("A1", 1), event("A2", 2)));
        assertThat(both.status()).isEqualTo(Status.COMMITTED);
        assertThat(store.loadHistory(runId, 1)).hasSize((int) before + 2);
        assertThat(commit(Commit.on(runId).completesActivity("a2", fences.get("a2"))).status())
                .as("a2 was completed by the batch").isEqualTo(Status.CONFLICT);
        assertThat(commit(Commit.on(runId).completesActivity("a3", fences.get("a3"))).status())
                .as("a3 untouched").isEqualTo(Status.COMMITTED);
    }

    @Test
    void retryActivityKeepsTheAttemptAndDefersTheNextClaim() {
        String runId = start("order-1");
        commit(Commit.on(runId).activity(runId, "a1", null));
        ActivityTask first = claimActivities("w1", 10, LONG_LEASE).get(0);

        assertThat(store.retryActivity(runId, "a1", first.fence(), NOW + 5000, "{\"error\":\"boom\"}")).isTrue();
        assertThat(store.retryActivity(runId, "nope", first.fence(), NOW + 5000, "{}")).isFalse();

        assertThat(store.claimActivityTasks(List.of(QUEUE), "w2", 10, LONG_LEASE, NOW + 4999)).isEmpty();
        ActivityTask second = store.claimActivityTasks(List.of(QUEUE), "w2", 10, LONG_LEASE, NOW + 5000).get(0);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.abandoned()).isFalse();
        assertThat(second.lastFailure()).isEqualTo("{\"error\":\"boom\"}");
        assertThat(second.fence()).isGreaterThan(first.fence());
    }

    @Test
    void activityTasksWaitForTheirAvailabilityAndQueue() {
        String runId = start("order-1");
        commit(Commit.on(runId).activityFull(new NewActivityTask(runId, "order-1", "later", "t", QUEUE, "[]", "{}",
                NOW, NOW + 100, ActivityTimeouts.NONE, null, 0)).activityFull(new NewActivityTask(runId, "order-1", "elsewhere", "t", "other",
                "[]", "{}", NOW, NOW, ActivityTimeouts.NONE, null, 0)));

        assertThat(claimActivities("w1", 10, LONG_LEASE)).isEmpty();
        assertThat(store.claimActivityTasks(List.of(QUEUE), "w1", 10, LONG_LEASE, NOW + 100))
                .extracting(ActivityTask::activityId).containsExactly("later");
        assertThat(store.claimActivityTasks(List.of("other"), "w1", 10, LONG_LEASE, NOW))
                .extracting(ActivityTask::activityId).containsExactly("elsewhere");
    }

    @Test
    void anActivityInsertedClaimedBelongsToItsOwnerAtAttemptOne() {
        String runId = start("order-1");
        commit(Commit.on(runId).activity(runId, "a1", "w1"));

        assertThat(claimActivities("w2", 10, LONG_LEASE)).isEmpty();
        assertThat(store.renewLeases("w1", LONG_LEASE)).isEqualTo(1);
        assertThat(commit(Commit.on(runId).completesActivity("a1", 1)).status()).isEqualTo(Status.COMMITTED);
    }

    /** Scheduling an activity ID that is still pending in the run is a conflict, not an overwrite. */
    @Test
    void anActivityIdIsUniqueWithinItsRun() {
        String runId = start("order-1");
        assertThat(commit(Commit.on(runId).activity(runId, "a1", null)).status()).isEqualTo(Status.COMMITTED);
        assertThat(commit(Commit.on(runId).activity(runId, "a1", null)).status()).isEqualTo(Status.CONFLICT);
        assertThat(store.loadHistory(runId, 1)).hasSize(2);
    }

    // ---------------------------------------------------------------- leases

    @Test
    void renewingExtendsAndShortensLeases() throws Exception {
        String runId = start("order-1");
        commit(Commit.on(runId).activity(runId, "a1", null));
        store.claimWorkflowTask(runId, "w1", SHORT_LEASE).orElseThrow();
        claimActivities("w1", 10, SHORT_LEASE).get(0);

        // Renewed even if the short lease already lapsed: nobody else claimed in between.
        assertThat(store.renewLeases("w1", LONG_LEASE)).isEqualTo(2);
        Thread.sleep(SHORT_LEASE.toMillis() * 2);
        assertThat(store.claimWorkflowTasks(List.of(QUEUE), "w2", 10, LONG_LEASE, NOW)).isEmpty();
        assertThat(claimActivities("w2", 10, LONG_LEASE)).isEmpty();

        assertThat(store.renewLeases("w1", SHORT_LEASE)).isEqualTo(2);
        await("the shortened workflow task lease to expire", () -> store
                .claimWorkflowTasks(List.of(QUEUE), "w2", 10, LONG_LEASE, NOW).stream().findFirst());
        await("the shortened activity lease to expire",
                () -> claimActivities("w2", 10, LONG_LEASE).stream().findFirst());
        assertThat(store.renewLeases("w1", LONG_LEASE)).as("w1 holds nothing now").isZero();
        assertThat(store.renewLeases("w2", LONG_LEASE)).isEqualTo(2);
    }

    @Test
    void releasedLeasesAreClaimableAtOnce() {
        String runId = start("order-1");
        commit(Commit.on(runId).activity(runId, "a1", null));
        WorkflowTaskClaim wt = store.claimWorkflowTask(runId, "w1", LONG_LEASE).orElseThrow();
        ActivityTask at = claimActivities("w1", 10, LONG_LEASE).get(0);

        store.releaseLeases("w1");

        WorkflowTaskClaim wt2 = store.claimWorkflowTasks(List.of(QUEUE), "w2", 10, LONG_LEASE, NOW).get(0);
        assertThat(wt2.fence()).isGreaterThan(wt.fence());
        ActivityTask at2 = claimActivities("w2", 10, LONG_LEASE).get(0);
        assertThat(at2.fence()).isGreaterThan(at.fence());
        assertThat(at2.attempt()).isEqualTo(2);
        assertThat(at2.abandoned()).as("released, not abandoned").isFalse();
        assertThat(store.renewLeases("w1", LONG_LEASE)).isZero();
    }

    // ---------------------------------------------------------------- timers

    @Test
    void timersComeDueInOrderAndFireExactlyOnce() {
        String runId = start("order-1");
        commit(Commit.on(runId).timer(runId, "late", NOW + 200).timer(runId, "early", NOW + 100));
        String other = start("order-2");
        commit(Commit.on(other).timer(other, "t", NOW + 150));

        assertThat(store.nextTimerDue()).contains(NOW + 100);
        assertThat(store.dueTimers(NOW + 99, 10)).isEmpty();
        assertThat(store.dueTimers(NOW + 200, 10)).containsExactly(new DueTimer(runId, "early", NOW + 100),
                new DueTimer(other, "t", NOW + 150), new DueTimer(runId, "late", NOW + 200));
        assertThat(store.dueTimers(NOW + 200, 1)).containsExactly(new DueTimer(runId, "early", NOW + 100));

        assertThat(commit(Commit.on(runId).firesTimer("early").workflowTask(WorkflowTaskChange.SCHEDULE)).status())
                .isEqualTo(Status.COMMITTED);
        assertThat(commit(Commit.on(runId).firesTimer("early")).status()).isEqualTo(Status.CONFLICT);
        assertThat(store.nextTimerDue()).contains(NOW + 150);

        List<CommitResult> sameBatch = store.commit(List.of(Commit.on(other).firesTimer("t").build(),
                Commit.on(other).firesTimer("t").build()));
        assertThat(sameBatch).extracting(CommitResult::status).containsExactly(Status.COMMITTED, Status.CONFLICT);
        assertThat(store.loadHistory(other, 1)).hasSize(3);
    }

    @Test
    void concurrentFiringsOfOneTimerCommitOnce() throws Exception {
        String runId = start("order-1");
        commit(Commit.on(runId).timer(runId, "t", NOW));
        List<Status> outcomes = Collections.synchronizedList(new ArrayList<>());
        runConcurrently(2, worker -> outcomes.add(commit(Commit.on(runId).firesTimer("t")).status()));
        assertThat(outcomes).containsExactlyInAnyOrder(Status.COMMITTED, Status.CONFLICT);
        assertThat(store.dueTimers(NOW, 10)).isEmpty();
    }

    @Test
    void canceledTimersAreDeletedWithoutPreconditionAndCannotFireAfterwards() {
        String runId = start("order-1");
        commit(Commit.on(runId).timer(runId, "t1", NOW + 100).timer(runId, "t2", NOW + 200));
        String other = start("order-2");
        commit(Commit.on(other).timer(other, "t1", NOW + 150));

        // one commit cancels t1 and a timer that does not exist (or fired already): no conflict
        assertThat(commit(Commit.on(runId).cancelsTimer("t1").cancelsTimer("gone")).status())
                .isEqualTo(Status.COMMITTED);
        assertThat(store.dueTimers(NOW + 300, 10)).containsExactly(new DueTimer(other, "t1", NOW + 150),
                new DueTimer(runId, "t2", NOW + 200));
        assertThat(commit(Commit.on(runId).firesTimer("t1")).status()).isEqualTo(Status.CONFLICT);

        // a timer started and canceled by commits of one batch is gone too
        List<CommitResult> batch = store.commit(List.of(Commit.on(runId).timer(runId, "t3", NOW + 50).build(),
                Commit.on(runId).cancelsTimer("t3").cancelsTimer("t2").build()));
        assertThat(batch).extracting(CommitResult::status).containsExactly(Status.COMMITTED, Status.COMMITTED);
        assertThat(store.nextTimerDue()).contains(NOW + 150);
        assertThat(store.dueTimers(NOW + 300, 10)).containsExactly(new DueTimer(other, "t1", NOW + 150));

        // and so is one started and canceled by a single commit (its insert comes first)
        assertThat(commit(Commit.on(runId).timer(runId, "t4", NOW + 60).cancelsTimer("t4")).status())
                .isEqualTo(Status.COMMITTED);
        assertThat(store.dueTimers(NOW + 300, 10)).containsExactly(new DueTimer(other, "t1", NOW + 150));
    }

    // ---------------------------------------------------------------- closing, parking

    @Test
    void closingARunDeletesItsTasksAndTimersAndFreezesItsHistory() {
        String runId = start("order-1");
        String other = start("order-2");
        commit(Commit.on(runId).activity(runId, "a1", null).activity(runId, "a2", "w1").timer(runId, "t", NOW));
        commit(Commit.on(other).timer(other, "t", NOW + 1));

        CommitResult close = commit(Commit.on(runId).events(event("WorkflowCompleted", 9))
                .activity(runId, "a3", null).timer(runId, "t2", NOW).status(RunStatus.COMPLETED).closedAt(NOW + 9));

        assertThat(close.status()).isEqualTo(Status.COMMITTED);
        RunRecord run = store.findRun(runId).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.closedAt()).isEqualTo(NOW + 9);
        assertThat(claimActivities("w2", 10, LONG_LEASE)).isEmpty();
        assertThat(store.claimWorkflowTask(runId, "w2", LONG_LEASE)).isEmpty();
        assertThat(store.dueTimers(NOW + 10, 10)).containsExactly(new DueTimer(other, "t", NOW + 1));
        assertThat(store.renewLeases("w1", LONG_LEASE)).isZero();

        assertThat(commit(Commit.on(runId).events(event("Late", 10))).status()).isEqualTo(Status.CONFLICT);
        assertThat(commit(Commit.on(runId).expectedNextSeq(run.nextSeq()).events(event("Late", 10))).status())
                .isEqualTo(Status.CONFLICT);
        assertThat(store.loadHistory(runId, 1)).hasSize(3);
    }

    @Test
    void failingARunClosesItToo() {
        String runId = start("order-1");
        assertThat(commit(Commit.on(runId).status(RunStatus.FAILED).closedAt(NOW + 5)).status())
                .isEqualTo(Status.COMMITTED);
        assertThat(store.findRun(runId).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
        assertThat(store.claimWorkflowTask(runId, "w1", LONG_LEASE)).isEmpty();
        assertThat(commit(Commit.on(runId).workflowTask(WorkflowTaskChange.SCHEDULE)).status())
                .isEqualTo(Status.CONFLICT);
    }

    @Test
    void parkedRunsTakeInputsWithoutWorkflowTasksUntilUnparked() {
        String runId = start("order-1");
        String otherType = newRunId();
        commit(Commit.create(otherType, "order-2").type("OtherWorkflow").status(RunStatus.PARKED)
                .parkedError("boom"));
        WorkflowTaskClaim claim = store.claimWorkflowTask(runId, "w1", LONG_LEASE).orElseThrow();

        assertThat(commit(Commit.on(runId).workflowTask(WorkflowTaskChange.COMPLETE).fence(claim.fence())
                .status(RunStatus.PARKED).parkedError("NonDeterminism at seq 2")).status())
                .isEqualTo(Status.COMMITTED);
        RunRecord parked = store.findRun(runId).orElseThrow();
        assertThat(parked.status()).isEqualTo(RunStatus.PARKED);
        assertThat(parked.parkedError()).isEqualTo("NonDeterminism at seq 2");

        assertThat(commit(Commit.on(runId).events(event("SignalReceived", 3))
                .workflowTask(WorkflowTaskChange.SCHEDULE)).status()).isEqualTo(Status.COMMITTED);
        assertThat(store.loadHistory(runId, 1)).hasSize(3);
        assertThat(store.claimWorkflowTasks(List.of(QUEUE), "w1", 10, LONG_LEASE, NOW)).isEmpty();

        assertThat(store.unparkRuns(List.of(TYPE, "NotDeployed"))).isEqualTo(1);
        RunRecord resumed = store.findRun(runId).orElseThrow();
        assertThat(resumed.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(resumed.parkedError()).isNull();
        assertThat(store.claimWorkflowTasks(List.of(QUEUE), "w1", 10, LONG_LEASE, NOW))
                .extracting(WorkflowTaskClaim::runId).containsExactly(runId);
        assertThat(store.unparkRuns(List.of(TYPE))).isZero();
        assertThat(store.findRun(otherType).orElseThrow().status()).isEqualTo(RunStatus.PARKED);
    }

    // ---------------------------------------------------------------- batches

    @Test
    void commitsOfOneBatchAreIndependent() {
        String existing = start("order-1");
        String other = start("order-2");
        String fresh = newRunId();
        String dup = newRunId();

        List<CommitResult> results = store.commit(List.of(
                Commit.create(fresh, "order-3").workflowTask(WorkflowTaskChange.SCHEDULE).build(),
                Commit.on(existing).expectedNextSeq(7).events(event("Stale", 7)).timer(existing, "t", NOW).build(),
                Commit.on(other).events(event("Signal", 2)).activity(other, "a1", null).build(),
                Commit.create(dup, "order-1").build(),
                Commit.on("no-such-run").build(),
                Commit.on(other).completesActivity("zz", 1).build()));

        assertThat(results).extracting(CommitResult::status).containsExactly(Status.COMMITTED, Status.CONFLICT,
                Status.COMMITTED, Status.DUPLICATE_ID, Status.CONFLICT, Status.CONFLICT);
        assertThat(results.get(3).existingRunId()).isEqualTo(existing);
        assertThat(store.findRun(fresh)).isPresent();
        assertThat(store.findRun(dup)).isEmpty();
        assertThat(store.loadHistory(existing, 1)).hasSize(1);
        assertThat(store.loadHistory(other, 1)).hasSize(2);
        assertThat(store.nextTimerDue()).isEmpty();
        assertThat(claimActivities("w1", 10, LONG_LEASE)).extracting(ActivityTask::activityId).containsExactly("a1");
    }

    @Test
    void commitsOfOneBatchOnOneRunApplyInOrder() {
        String runId = start("order-1");
        WorkflowTaskClaim claim = store.claimWorkflowTask(runId, "w1", LONG_LEASE).orElseThrow();
        String twin = newRunId();

        List<CommitResult> results = store.commit(List.of(
                Commit.on(runId).events(event("ActivityCompleted", 2)).build(),
                Commit.on(runId).expectedNextSeq(3).workflowTask(WorkflowTaskChange.COMPLETE).fence(claim.fence())
                        .events(event("WorkflowTaskCompleted", 3), event("TimerStarted", 4))
                        .timer(runId, "t", NOW).build(),
                Commit.on(runId).events(event("SignalReceived", 5)).workflowTask(WorkflowTaskChange.SCHEDULE).build(),
                Commit.on(runId).firesTimer("t").events(event("TimerFired", 6)).build(),
                Commit.create(twin, "order-new").build(),
                Commit.create(newRunId(), "order-new").build()));

        assertThat(results).extracting(CommitResult::status).containsExactly(Status.COMMITTED, Status.COMMITTED,
                Status.COMMITTED, Status.COMMITTED, Status.COMMITTED, Status.DUPLICATE_ID);
        assertThat(results.get(5).existingRunId()).isEqualTo(twin);
        assertThat(store.loadHistory(runId, 1)).extracting(HistoryEvent::type).containsExactly("WorkflowStarted",
                "ActivityCompleted", "WorkflowTaskCompleted", "TimerStarted", "SignalReceived", "TimerFired");
        assertThat(store.nextTimerDue()).isEmpty();
        assertThat(store.claimWorkflowTask(runId, "w1", LONG_LEASE)).as("scheduled after the completion").isPresent();
    }

    // ---------------------------------------------------------------- helpers

    /** A fluent builder of {@link RunCommit}s with test defaults: one event, no checks, a fresh token. */
    protected static final class Commit {
        private final String runId;
        private NewRun create;
        private long expectedNextSeq;
        private WorkflowTaskChange workflowTask = WorkflowTaskChange.NONE;
        private long fence;
        private final List<CompletedActivity> completed = new ArrayList<>();
        private String timerId;
        private List<HistoryEvent> events = List.of(event("Event", 0));
        private final List<NewActivityTask> activities = new ArrayList<>();
        private final List<NewTimer> timers = new ArrayList<>();
        private final List<String> canceledTimers = new ArrayList<>();
        private RunStatus status;
        private long closedAt;
        private String parkedError;

        private Commit(String runId) {
            this.runId = runId;
        }

        /** A commit on an existing run. */
        public static Commit on(String runId) {
            return new Commit(runId);
        }

        /** A commit that creates a run on {@link #QUEUE} with a WorkflowStarted event. */
        public static Commit create(String runId, String workflowId) {
            Commit c = new Commit(runId);
            c.create = new NewRun(workflowId, TYPE, QUEUE, NOW);
            c.expectedNextSeq = 1;
            c.events = List.of(event("WorkflowStarted", 1));
            return c;
        }

        public Commit type(String workflowType) {
            create = new NewRun(create.workflowId(), workflowType, create.taskQueue(), create.createdAt(),
                    create.replacesRunId());
            return this;
        }

        public Commit queue(String taskQueue) {
            create = new NewRun(create.workflowId(), create.workflowType(), taskQueue, create.createdAt(),
                    create.replacesRunId());
            return this;
        }

        /** For a create: the closed run the new run replaces as its workflow ID's latest run. */
        public Commit replaces(String oldRunId) {
            create = new NewRun(create.workflowId(), create.workflowType(), create.taskQueue(), create.createdAt(),
                    oldRunId);
            return this;
        }

        public Commit expectedNextSeq(long seq) {
            expectedNextSeq = seq;
            return this;
        }

        public Commit workflowTask(WorkflowTaskChange change) {
            workflowTask = change;
            return this;
        }

        public Commit fence(long workflowTaskFence) {
            fence = workflowTaskFence;
            return this;
        }

        /** Completes the activity task {@code id} claimed under {@code withFence} (may be called for several). */
        public Commit completesActivity(String id, long withFence) {
            completed.add(new CompletedActivity(id, withFence));
            return this;
        }

        public Commit firesTimer(String id) {
            timerId = id;
            return this;
        }

        public Commit events(HistoryEvent... list) {
            events = List.of(list);
            return this;
        }

        /** An activity on {@link #QUEUE}, available at {@link #NOW}, inserted claimed by {@code owner} if non-null. */
        public Commit activity(String forRun, String id, String owner) {
            return activityFull(new NewActivityTask(forRun, "wf-of-" + forRun, id, "charge", QUEUE, "[]", "{}", NOW,
                    NOW, ActivityTimeouts.NONE, owner, owner == null ? 0 : LONG_LEASE.toMillis()));
        }

        public Commit activityFull(NewActivityTask task) {
            activities.add(task);
            return this;
        }

        public Commit cancelsTimer(String id) {
            canceledTimers.add(id);
            return this;
        }

        public Commit timer(String forRun, String id, long fireAt) {
            timers.add(new NewTimer(forRun, id, fireAt));
            return this;
        }

        public Commit status(RunStatus newStatus) {
            status = newStatus;
            return this;
        }

        public Commit closedAt(long at) {
            closedAt = at;
            return this;
        }

        public Commit parkedError(String error) {
            parkedError = error;
            return this;
        }

        public RunCommit build() {
            return RunCommit.builder(runId).create(create).expectedNextSeq(expectedNextSeq).workflowTask(workflowTask)
                    .workflowTaskFence(fence).completedActivities(completed).timerId(timerId).events(events)
                    .activityTasks(activities).timers(timers).newStatus(status).closedAt(closedAt)
                    .parkedError(parkedError).token(TOKENS.getAndIncrement()).canceledTimers(canceledTimers).build();
        }
    }

    /** An event whose time and attributes derive from {@code n}. */
    protected static HistoryEvent event(String type, int n) {
        return new HistoryEvent(0, type, NOW + n, "{\"n\":" + n + "}");
    }

    protected static String newRunId() {
        return UUID.randomUUID().toString();
    }

    protected CommitResult commit(Commit commit) {
        List<CommitResult> results = store.commit(List.of(commit.build()));
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    /** Starts a run of {@link #TYPE} on {@link #QUEUE} with a pending workflow task; returns its run ID. */
    protected String start(String workflowId) {
        return startOn(workflowId, QUEUE);
    }

    protected String startOn(String workflowId, String queue) {
        String runId = newRunId();
        CommitResult r = commit(Commit.create(runId, workflowId).queue(queue)
                .workflowTask(WorkflowTaskChange.SCHEDULE));
        assertThat(r.status()).isEqualTo(Status.COMMITTED);
        return runId;
    }

    protected List<ActivityTask> claimActivities(String owner, int max, Duration lease) {
        return store.claimActivityTasks(List.of(QUEUE), owner, max, lease, NOW);
    }

    /** Polls {@code attempt} until it yields a value; fails after {@link #DEADLINE}. */
    protected static <T> T await(String what, Supplier<Optional<T>> attempt) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            Optional<T> value = attempt.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + DEADLINE + " waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** Work for one of several threads started at once. */
    @FunctionalInterface
    protected interface Worker {
        void run(int worker) throws Exception;
    }

    /** Runs {@code work} on {@code threads} threads released together; rethrows the first failure. */
    protected static void runConcurrently(int threads, Worker work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int worker = i;
                done.add(pool.submit(() -> {
                    go.await();
                    work.run(worker);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
