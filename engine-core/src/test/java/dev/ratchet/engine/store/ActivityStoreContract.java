package dev.ratchet.engine.store;

import static dev.ratchet.engine.store.StoreContract.LONG_LEASE;
import static dev.ratchet.engine.store.StoreContract.NOW;
import static dev.ratchet.engine.store.StoreContract.QUEUE;
import static dev.ratchet.engine.store.StoreContract.SHORT_LEASE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.engine.store.CommitResult.Status;
import dev.ratchet.engine.store.StoreContract.Commit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The activity rules of the store contract: deadlines kept by {@link ActivityTimeouts}, the timeout sweep, heartbeats,
 * detachment, cancellation requests and lookups. {@link StoreContract} implements it, so every store runs these tests.
 */
public interface ActivityStoreContract {
    /** Schedule-to-close at NOW + 60 s, schedule-to-start 1 s, start-to-close 5 s, heartbeat 2 s. */
    ActivityTimeouts TIMEOUTS = new ActivityTimeouts(NOW + 60_000, 1_000, 5_000, 2_000);

    /** The store under test, fresh for each test. */
    WorkflowStore store();

    // ---------------------------------------------------------------- deadlines

    @Test
    default void aWaitingTaskIsInsertedWithItsScheduleToStartDeadline() {
        String run = newRun();
        schedule(task(run, "a1", NOW + 100, TIMEOUTS, null));

        assertThat(store().nextActivityDeadline()).contains(NOW + 1_100);
        assertThat(find(run, "a1")).isEqualTo(new ActivityTask(run, "wf-" + run, "a1", "charge", QUEUE, "[]", "{}",
                0, 0, false, null, NOW, NOW + 100, 0, 0, null, TIMEOUTS, false, false));
    }

    @Test
    default void aPreLeasedTaskIsInsertedRunningFromItsAvailability() {
        String run = newRun();
        schedule(task(run, "a1", NOW + 100, TIMEOUTS, "w1"));

        assertThat(store().nextActivityDeadline()).as("heartbeat 2 s from the start").contains(NOW + 2_100);
        assertThat(find(run, "a1")).isEqualTo(new ActivityTask(run, "wf-" + run, "a1", "charge", QUEUE, "[]", "{}",
                1, 1, false, null, NOW, NOW + 100, NOW + 100, 0, null, TIMEOUTS, false, false));
    }

    @Test
    default void withoutTimeoutsATaskHasNoDeadline() {
        String run = newRun();
        schedule(task(run, "a1", NOW, ActivityTimeouts.NONE, null));
        claim("w1", NOW);

        assertThat(store().nextActivityDeadline()).isEmpty();
        assertThat(sweep("s", Long.MAX_VALUE)).isEmpty();
    }

    @Test
    default void scheduleToCloseCapsEveryDeadline() {
        String run = newRun();
        schedule(task(run, "a1", NOW + 800, new ActivityTimeouts(NOW + 1_500, 1_000, 5_000, 2_000), null));
        assertThat(store().nextActivityDeadline()).contains(NOW + 1_500);

        claim("w1", NOW + 900);
        assertThat(store().nextActivityDeadline()).contains(NOW + 1_500);
    }

    @Test
    default void aClaimStartsTheRunningDeadline() {
        String run = newRun();
        schedule(task(run, "a1", NOW, TIMEOUTS, null), task(run, "a2", NOW,
                new ActivityTimeouts(0, 1_000, 5_000, 0), null));

        ActivityTask a1 = claim("w1", NOW + 500).get(0);
        assertThat(a1.startedAt()).isEqualTo(NOW + 500);
        assertThat(a1.heartbeatAt()).isZero();
        assertThat(a1.timeouts()).isEqualTo(TIMEOUTS);
        assertThat(store().nextActivityDeadline()).as("a1: heartbeat 2 s from the start").contains(NOW + 2_500);
        commit(Commit.on(run).completesActivity("a1", a1.fence()));
        assertThat(store().nextActivityDeadline()).as("a2, claimed with a1: start-to-close 5 s").contains(NOW + 5_500);
    }

    @Test
    default void aHeartbeatMovesTheDeadlineUpToStartToClose() {
        String run = newRun();
        schedule(task(run, "a1", NOW, TIMEOUTS, null));
        ActivityTask a = claim("w1", NOW).get(0);

        assertThat(store().heartbeatActivity(run, "a1", a.fence(), null, NOW + 1_500))
                .isEqualTo(HeartbeatResult.ACCEPTED);
        assertThat(store().nextActivityDeadline()).contains(NOW + 3_500);
        store().heartbeatActivity(run, "a1", a.fence(), null, NOW + 4_000);
        assertThat(store().nextActivityDeadline()).contains(NOW + 5_000);
    }

    @Test
    default void aRetryRestartsTheScheduleToStartDeadline() {
        String run = newRun();
        schedule(task(run, "a1", NOW, TIMEOUTS, null));
        ActivityTask a = claim("w1", NOW).get(0);

        assertThat(store().retryActivity(run, "a1", a.fence(), NOW + 3_000, "{}")).isTrue();
        assertThat(store().nextActivityDeadline()).contains(NOW + 4_000);
    }

    @Test
    default void nextActivityDeadlineIsTheEarliestOfTheOpenTasks() {
        assertThat(store().nextActivityDeadline()).isEmpty();
        String run1 = newRun();
        String run2 = newRun();
        schedule(task(run1, "a1", NOW, new ActivityTimeouts(0, 3_000, 0, 0), null));
        schedule(task(run2, "a2", NOW, TIMEOUTS, null));
        assertThat(store().nextActivityDeadline()).contains(NOW + 1_000);

        commit(Commit.on(run2).status(RunStatus.COMPLETED).closedAt(NOW));
        assertThat(store().nextActivityDeadline()).contains(NOW + 3_000);
    }

    // ---------------------------------------------------------------- claims and the timeout sweep

    @Test
    default void claimsSkipTasksAtOrPastTheirDeadline() {
        String run = newRun();
        schedule(task(run, "a1", NOW, TIMEOUTS, null));

        assertThat(claim("w1", NOW + 1_000)).as("due: the sweep's, not a claimer's").isEmpty();
        assertThat(sweep("s", NOW + 999)).as("not due yet").isEmpty();
        assertThat(claim("w1", NOW + 999)).extracting(ActivityTask::activityId).containsExactly("a1");
    }

    @Test
    default void theSweepTakesDueTasksInDeadlineOrderWhateverTheirLease() {
        String run = newRun();
        schedule(task(run, "waiting", NOW, new ActivityTimeouts(0, 3_000, 0, 0), null),
                task(run, "leased", NOW, new ActivityTimeouts(0, 0, 1_000, 0), "w1"),
                task(run, "detached", NOW, new ActivityTimeouts(0, 0, 2_000, 0), "w1"),
                task(run, "later", NOW, new ActivityTimeouts(0, 9_000, 0, 0), null));
        assertThat(store().detachActivity(run, "detached", 1)).isTrue();

        assertThat(sweep("s", NOW + 5_000, 2)).extracting(ActivityTask::activityId)
                .containsExactly("leased", "detached");
        assertThat(sweep("s", NOW + 5_000)).extracting(ActivityTask::activityId).containsExactly("waiting");
        assertThat(sweep("s", NOW + 5_000)).as("a deadline is swept once").isEmpty();
        assertThat(store().nextActivityDeadline()).contains(NOW + 9_000);
    }

    @Test
    default void concurrentSweepersNeverShareATask() throws Exception {
        String run = newRun();
        int tasks = 40;
        NewActivityTask[] due = new NewActivityTask[tasks];
        for (int i = 0; i < tasks; i++) {
            due[i] = task(run, "a" + i, NOW, new ActivityTimeouts(0, 1_000 + i, 0, 0), null);
        }
        schedule(due);

        Set<String> taken = ConcurrentHashMap.newKeySet();
        List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        StoreContract.runConcurrently(4, worker -> {
            List<ActivityTask> batch;
            do {
                batch = sweep("s" + worker, NOW + 5_000, 3);
                batch.stream().filter(t -> !taken.add(t.activityId())).forEach(t -> duplicates.add(t.activityId()));
            } while (!batch.isEmpty());
        });
        assertThat(duplicates).isEmpty();
        assertThat(taken).hasSize(tasks);
    }

    @Test
    default void theSweepFencesOutTheAttemptItTakesOver() {
        String run = newRun();
        schedule(task(run, "a1", NOW, new ActivityTimeouts(0, 0, 1_000, 0), "w1"));

        ActivityTask taken = sweep("s", NOW + 1_000).get(0);
        assertThat(taken.fence()).isEqualTo(2);
        assertThat(store().heartbeatActivity(run, "a1", 1, "{}", NOW + 1_001)).isEqualTo(HeartbeatResult.STALE);
        assertThat(store().retryActivity(run, "a1", 1, NOW, "{}")).isFalse();
        assertThat(store().detachActivity(run, "a1", 1)).isFalse();
        assertThat(commit(Commit.on(run).completesActivity("a1", 1)).status()).isEqualTo(Status.CONFLICT);
        assertThat(claim("w2", NOW + 1_001)).as("the sweeper holds it").isEmpty();
        assertThat(commit(Commit.on(run).completesActivity("a1", 2)).status()).isEqualTo(Status.COMMITTED);
    }

    @Test
    default void theSweepKeepsAttemptStartAndHeartbeatAndEndsDetachment() {
        String run = newRun();
        schedule(task(run, "a1", NOW, TIMEOUTS, null));
        ActivityTask a = claim("w1", NOW).get(0);
        store().heartbeatActivity(run, "a1", a.fence(), "{\"step\":1}", NOW + 500);
        store().detachActivity(run, "a1", a.fence());

        ActivityTask taken = sweep("s", NOW + 2_500).get(0);
        assertThat(taken).isEqualTo(new ActivityTask(run, "wf-" + run, "a1", "charge", QUEUE, "[]", "{}", 1,
                a.fence() + 1, false, null, NOW, NOW, NOW, NOW + 500, "{\"step\":1}", TIMEOUTS, false, false));
        assertThat(find(run, "a1")).isEqualTo(taken);
        assertThat(store().nextActivityDeadline()).isEmpty();
    }

    // ---------------------------------------------------------------- heartbeats and cancellation

    @Test
    default void aHeartbeatStoresDetailsAndNullKeepsThem() {
        String run = newRun();
        schedule(task(run, "a1", NOW, ActivityTimeouts.NONE, null));
        ActivityTask a = claim("w1", NOW).get(0);

        store().heartbeatActivity(run, "a1", a.fence(), "{\"n\":1}", NOW + 10);
        assertThat(find(run, "a1")).extracting(ActivityTask::heartbeatAt, ActivityTask::heartbeatDetails)
                .containsExactly(NOW + 10, "{\"n\":1}");
        assertThat(store().heartbeatActivity(run, "a1", a.fence(), null, NOW + 20))
                .isEqualTo(HeartbeatResult.ACCEPTED);
        assertThat(find(run, "a1")).extracting(ActivityTask::heartbeatAt, ActivityTask::heartbeatDetails)
                .containsExactly(NOW + 20, "{\"n\":1}");
    }

    @Test
    default void aHeartbeatAfterACancelRequestIsToldToStop() {
        String run = newRun();
        schedule(task(run, "a1", NOW, ActivityTimeouts.NONE, null));
        ActivityTask a = claim("w1", NOW).get(0);

        assertThat(store().requestActivityCancel(run, "a1")).isTrue();
        assertThat(store().heartbeatActivity(run, "a1", a.fence(), "{}", NOW + 10))
                .isEqualTo(HeartbeatResult.CANCEL_REQUESTED);
        assertThat(find(run, "a1")).extracting(ActivityTask::cancelRequested, ActivityTask::heartbeatAt)
                .containsExactly(true, NOW + 10);
    }

    @Test
    default void aCancelRequestNeedsAnOpenActivityAndReachesTheNextClaim() {
        String run = newRun();
        schedule(task(run, "a1", NOW, ActivityTimeouts.NONE, null));

        assertThat(store().requestActivityCancel(run, "nope")).isFalse();
        assertThat(store().requestActivityCancel(run, "a1")).as("waiting counts as open").isTrue();
        ActivityTask a = claim("w1", NOW).get(0);
        assertThat(a.cancelRequested()).isTrue();
        commit(Commit.on(run).completesActivity("a1", a.fence()));
        assertThat(store().requestActivityCancel(run, "a1")).isFalse();
    }

    @Test
    default void aHeartbeatIsStaleForAStaleFenceAWaitingOrReleasedAttemptOrAnUnknownTask() {
        String run = newRun();
        schedule(task(run, "retried", NOW, ActivityTimeouts.NONE, null),
                task(run, "released", NOW, ActivityTimeouts.NONE, null));
        List<ActivityTask> claimed = claim("w1", NOW);
        long fence = claimed.get(0).fence();
        store().retryActivity(run, "retried", fence, NOW + 1_000, "{}");
        store().releaseLeases("w1");

        assertThat(store().heartbeatActivity(run, "retried", fence - 1, "{}", NOW)).isEqualTo(HeartbeatResult.STALE);
        assertThat(store().heartbeatActivity(run, "retried", fence, "{}", NOW)).isEqualTo(HeartbeatResult.STALE);
        assertThat(store().heartbeatActivity(run, "released", claimed.get(1).fence(), "{}", NOW))
                .isEqualTo(HeartbeatResult.STALE);
        assertThat(store().heartbeatActivity(run, "nope", fence, "{}", NOW)).isEqualTo(HeartbeatResult.STALE);
        assertThat(store().heartbeatActivity("no-such-run", "retried", fence, "{}", NOW))
                .isEqualTo(HeartbeatResult.STALE);
        assertThat(List.of(find(run, "retried"), find(run, "released"))).as("nothing recorded")
                .allSatisfy(t -> assertThat(t.heartbeatDetails()).isNull());
    }

    @Test
    default void heartbeatDetailsSurviveARetryAndReachTheNextAttempt() {
        String run = newRun();
        schedule(task(run, "a1", NOW, ActivityTimeouts.NONE, null));
        ActivityTask first = claim("w1", NOW).get(0);
        store().heartbeatActivity(run, "a1", first.fence(), "{\"done\":3}", NOW + 10);
        store().retryActivity(run, "a1", first.fence(), NOW + 100, "{\"error\":1}");

        ActivityTask second = claim("w2", NOW + 100).get(0);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.heartbeatDetails()).isEqualTo("{\"done\":3}");
        assertThat(second.heartbeatAt()).as("the new attempt has not beat yet").isZero();
        assertThat(second.startedAt()).isEqualTo(NOW + 100);
        assertThat(second.lastFailure()).isEqualTo("{\"error\":1}");
    }

    // ---------------------------------------------------------------- detachment (asynchronous completion)

    @Test
    default void onlyTheCurrentClaimCanDetach() {
        String run = newRun();
        schedule(task(run, "a1", NOW, ActivityTimeouts.NONE, null));
        assertThat(store().detachActivity(run, "a1", 0)).as("never claimed").isFalse();

        ActivityTask first = claim("w1", NOW).get(0);
        assertThat(store().detachActivity(run, "a1", first.fence() - 1)).as("stale fence").isFalse();
        store().releaseLeases("w1");
        assertThat(store().detachActivity(run, "a1", first.fence())).as("released").isFalse();

        ActivityTask second = claim("w2", NOW).get(0);
        assertThat(store().detachActivity(run, "a1", second.fence())).isTrue();
        assertThat(find(run, "a1").async()).isTrue();
    }

    @Test
    default void leaseRenewalAndReleaseLeaveADetachedActivityAlone() {
        String run = newRun();
        schedule(task(run, "a1", NOW, ActivityTimeouts.NONE, null), task(run, "a2", NOW, ActivityTimeouts.NONE, null));
        ActivityTask a1 = claim("w1", NOW).get(0);
        store().detachActivity(run, "a1", a1.fence());

        assertThat(store().renewLeases("w1", LONG_LEASE)).as("only a2").isEqualTo(1);
        store().releaseLeases("w1");
        assertThat(claim("w2", NOW)).extracting(ActivityTask::activityId).containsExactly("a2");
        assertThat(store().heartbeatActivity(run, "a1", a1.fence(), "{}", NOW + 10))
                .isEqualTo(HeartbeatResult.ACCEPTED);
        assertThat(find(run, "a1").async()).as("a heartbeat keeps it detached").isTrue();
        assertThat(commit(Commit.on(run).completesActivity("a1", a1.fence())).status()).isEqualTo(Status.COMMITTED);
    }

    @Test
    default void aLapsedLeaseDoesNotFreeADetachedActivity() {
        String run = newRun();
        schedule(task(run, "a1", NOW, ActivityTimeouts.NONE, null), task(run, "a2", NOW, ActivityTimeouts.NONE, null));
        ActivityTask a1 = store().claimActivityTasks(List.of(QUEUE), "w1", 10, SHORT_LEASE, NOW).get(0);
        store().detachActivity(run, "a1", a1.fence());

        List<ActivityTask> reclaimed = StoreContract.await("the lease of a2, taken with a1's, to lapse",
                () -> Optional.of(claim("w2", NOW)).filter(l -> !l.isEmpty()));
        assertThat(reclaimed).extracting(ActivityTask::activityId).containsExactly("a2");
        assertThat(claim("w3", NOW)).isEmpty();
        assertThat(commit(Commit.on(run).completesActivity("a1", a1.fence())).status()).isEqualTo(Status.COMMITTED);
    }

    @Test
    default void aRetryEndsTheDetachment() {
        String run = newRun();
        schedule(task(run, "a1", NOW, ActivityTimeouts.NONE, null));
        ActivityTask first = claim("w1", NOW).get(0);
        store().detachActivity(run, "a1", first.fence());

        assertThat(store().retryActivity(run, "a1", first.fence(), NOW, "{}")).isTrue();
        assertThat(find(run, "a1").async()).isFalse();
        assertThat(claim("w2", NOW)).extracting(ActivityTask::attempt).containsExactly(2);
    }

    // ---------------------------------------------------------------- lookups

    @Test
    default void findActivityTaskShowsARetriedTaskWaitingForItsNextAttempt() {
        String run = newRun();
        schedule(task(run, "a1", NOW, TIMEOUTS, null));
        ActivityTask a = claim("w1", NOW).get(0);
        store().heartbeatActivity(run, "a1", a.fence(), "{\"d\":1}", NOW + 10);
        store().retryActivity(run, "a1", a.fence(), NOW + 3_000, "{\"e\":1}");

        assertThat(find(run, "a1")).isEqualTo(new ActivityTask(run, "wf-" + run, "a1", "charge", QUEUE, "[]", "{}",
                1, a.fence(), false, "{\"e\":1}", NOW, NOW + 3_000, 0, 0, "{\"d\":1}", TIMEOUTS, false, false));
    }

    @Test
    default void findActivityTaskIsEmptyOnceTheActivityCompletesOrItsRunCloses() {
        String run = newRun();
        schedule(task(run, "a1", NOW, ActivityTimeouts.NONE, "w1"), task(run, "a2", NOW, ActivityTimeouts.NONE, null));

        commit(Commit.on(run).completesActivity("a1", 1));
        assertThat(store().findActivityTask(run, "a1")).isEmpty();
        assertThat(store().findActivityTask(run, "a2")).isPresent();
        commit(Commit.on(run).status(RunStatus.FAILED).closedAt(NOW));
        assertThat(store().findActivityTask(run, "a2")).isEmpty();
        assertThat(store().findActivityTask("no-such-run", "a2")).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    /** Creates a run (workflow ID {@code "wf-" + runId}, no workflow task) and returns its ID. */
    private String newRun() {
        String runId = StoreContract.newRunId();
        assertThat(commit(Commit.create(runId, "wf-" + runId)).status()).isEqualTo(Status.COMMITTED);
        return runId;
    }

    /** An activity of type "charge" on {@link StoreContract#QUEUE}, scheduled at NOW, pre-leased if owner is set. */
    private static NewActivityTask task(String runId, String id, long availableAt, ActivityTimeouts timeouts,
            String owner) {
        return new NewActivityTask(runId, "wf-" + runId, id, "charge", QUEUE, "[]", "{}", NOW, availableAt, timeouts,
                owner, owner == null ? 0 : LONG_LEASE.toMillis());
    }

    /** Inserts the tasks (all of one run) in one commit. */
    private void schedule(NewActivityTask... tasks) {
        Commit c = Commit.on(tasks[0].runId());
        for (NewActivityTask t : tasks) {
            c.activityFull(t);
        }
        assertThat(commit(c).status()).isEqualTo(Status.COMMITTED);
    }

    private CommitResult commit(Commit commit) {
        return store().commit(List.of(commit.build())).get(0);
    }

    private List<ActivityTask> claim(String owner, long nowMillis) {
        return store().claimActivityTasks(List.of(QUEUE), owner, 10, LONG_LEASE, nowMillis);
    }

    private List<ActivityTask> sweep(String owner, long nowMillis) {
        return sweep(owner, nowMillis, 10);
    }

    private List<ActivityTask> sweep(String owner, long nowMillis, int max) {
        return store().claimTimedOutActivityTasks(owner, max, LONG_LEASE, nowMillis);
    }

    private ActivityTask find(String runId, String activityId) {
        return store().findActivityTask(runId, activityId).orElseThrow();
    }
}
