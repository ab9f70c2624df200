package dev.ratchet.engine.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A store that keeps everything in memory, for tests and experiments: it is lost when the JVM exits. It honours the
 * whole store contract (leases, fences, preconditions) under one lock. Thread-safe.
 *
 * <p>InMemoryLease expiry uses {@link System#nanoTime()}, this store's own clock, independent of the engine's clock.
 *
 * <p>Engines sharing one instance get work hints ({@link #subscribe}) as soon as a change makes unclaimed work
 * available; hints are sent under the store's lock, which is why listeners must be quick and not call back.
 */
public final class InMemoryStore implements WorkflowStore {
    private final Map<String, InMemoryRun> runs = new HashMap<>();
    private final InMemoryRequests requests = new InMemoryRequests();
    private final Map<String, String> workflowIds = new HashMap<>();
    private final TreeMap<String, InMemoryActivity> activities = new TreeMap<>();
    private final TreeMap<String, DueTimer> timers = new TreeMap<>();
    private final InMemoryPreconditions preconditions = new InMemoryPreconditions(runs, workflowIds, activities,
            timers);
    private long order;
    private final List<WorkListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void open() {
    }

    @Override
    public AutoCloseable subscribe(WorkListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void hintWorkflowTasks(String taskQueue) {
        for (WorkListener l : listeners) {
            l.workflowTasksAvailable(taskQueue);
        }
    }

    private void hintActivityTasks(String taskQueue) {
        for (WorkListener l : listeners) {
            l.activityTasksAvailable(taskQueue);
        }
    }

    private void hintTimers() {
        for (WorkListener l : listeners) {
            l.timersChanged();
        }
    }

    private static long storeNow() {
        return System.nanoTime() / 1_000_000;
    }

    static String key(String runId, String id) {
        return runId + "\u0000" + id;
    }

    /** The entries of one run in a map keyed by {@link #key}: a range, so closing a run does not scan every run's. */
    private static <V> java.util.SortedMap<String, V> runRange(TreeMap<String, V> map, String runId) {
        return map.subMap(runId + "\u0000", runId + "\u0001");
    }

    @Override
    public synchronized List<CommitResult> commit(List<RunCommit> commits) {
        List<CommitResult> out = new ArrayList<>(commits.size());
        for (RunCommit c : commits) {
            out.add(commitOne(c));
        }
        return out;
    }

    private CommitResult commitOne(RunCommit c) {
        CommitResult failure = preconditions.failed(c, null);
        if (failure == null && c.continuation() != null) {
            // checked as if c were written: c closes its run, which is all the continuation's checks depend on
            failure = preconditions.failed(c.continuation(), c.runId());
        }
        if (failure != null) {
            return failure;
        }
        write(c);
        if (c.continuation() != null) {
            write(c.continuation());
        }
        return CommitResult.committed();
    }

    /** Writes a commit whose preconditions hold. */
    private void write(RunCommit c) {
        InMemoryRun run = runs.get(c.runId());
        long nextSeq = run == null ? 1 : run.record.nextSeq();
        if (c.create() != null) {
            run = new InMemoryRun();
            run.record = new RunRecord(c.create().workflowId(), c.runId(), c.create().workflowType(),
                    c.create().taskQueue(), RunStatus.RUNNING, 1, c.create().createdAt(), 0, null,
                    c.create().replacesRunId());
            runs.put(c.runId(), run);
            workflowIds.put(c.create().workflowId(), c.runId());
        }
        long seq = nextSeq;
        for (HistoryEvent e : c.events()) {
            run.events.add(new HistoryEvent(seq++, e.type(), e.time(), e.attributes()));
        }
        for (CompletedActivity done : c.completedActivities()) {
            activities.remove(key(c.runId(), done.activityId()));
        }
        if (c.timerId() != null) {
            timers.remove(key(c.runId(), c.timerId()));
        }
        for (VersionMarker m : c.versionMarkers()) {
            run.versions.putIfAbsent(m.changeId(), m.version());
        }
        for (NewActivityTask t : c.activityTasks()) {
            InMemoryActivity a = new InMemoryActivity(t, ++order);
            a.availableAt = t.availableAt();
            a.deadline = t.initialDeadline();
            if (t.leaseOwner() != null) {
                a.attempt = 1;
                a.startedAt = t.availableAt();
                a.lease.owner = t.leaseOwner();
                a.lease.expiresAt = storeNow() + t.leaseMillis();
                a.lease.fence = 1;
            } else {
                hintActivityTasks(t.taskQueue()); // pre-claimed tasks run on the scheduling engine: no hint
            }
            activities.put(key(t.runId(), t.activityId()), a);
        }
        for (NewTimer t : c.timers()) {
            timers.put(key(t.runId(), t.timerId()), new DueTimer(t.runId(), t.timerId(), t.fireAt()));
        }
        for (String timerId : c.canceledTimers()) {
            timers.remove(key(c.runId(), timerId));
        }
        RunRecord r = run.record;
        RunStatus status = c.newStatus() == null ? r.status() : c.newStatus();
        switch (c.workflowTask()) {
            case COMPLETE -> run.workflowTask = null;
            case SCHEDULE -> {
                if (run.workflowTask == null && status != RunStatus.PARKED && !isClosed(status)) {
                    run.workflowTask = new InMemoryLease();
                    run.workflowTaskAvailableAt = 0;
                    hintWorkflowTasks(run.record.taskQueue());
                }
            }
            default -> {
            }
        }
        if (isClosed(status)) {
            run.workflowTask = null;
            runRange(activities, c.runId()).clear();
            runRange(timers, c.runId()).clear();
            for (NewTimer t : c.afterCloseTimers()) {
                timers.put(key(t.runId(), t.timerId()), new DueTimer(t.runId(), t.timerId(), t.fireAt()));
            }
        } else if (status == RunStatus.PARKED) {
            run.workflowTask = null;
        }
        run.record = new RunRecord(r.workflowId(), r.runId(), r.workflowType(), r.taskQueue(), status, seq,
                r.createdAt(), isClosed(status) ? c.closedAt() : r.closedAt(),
                status == RunStatus.PARKED ? c.parkedError() : null, r.replacesRunId());
    }

    static boolean isClosed(RunStatus s) {
        return s.isClosed();
    }

    @Override
    public synchronized List<HistoryEvent> loadHistory(String runId, long fromSeq) {
        InMemoryRun run = runs.get(runId);
        if (run == null) {
            return List.of();
        }
        int from = (int) Math.max(0, fromSeq - 1);
        return from >= run.events.size() ? List.of() : List.copyOf(run.events.subList(from, run.events.size()));
    }

    @Override
    public synchronized Optional<RunRecord> findByWorkflowId(String workflowId) {
        String runId = workflowIds.get(workflowId);
        return runId == null ? Optional.empty() : Optional.of(runs.get(runId).record);
    }

    @Override
    public synchronized List<RunRecord> listRuns(RunQuery query) {
        return runs.values().stream().map(r -> r.record).filter(query::matches)
                .sorted(java.util.Comparator.comparingLong(RunRecord::createdAt).thenComparing(RunRecord::runId)
                        .reversed())
                .limit(query.limit()).toList();
    }

    @Override
    public synchronized VersionCounts countOpenRunsByVersion(String workflowType, String changeId) {
        long without = 0;
        Map<Integer, Long> byVersion = new HashMap<>();
        for (InMemoryRun run : runs.values()) {
            if (run.record.workflowType().equals(workflowType) && !isClosed(run.record.status())) {
                Integer v = run.versions.get(changeId);
                if (v == null) {
                    without++;
                } else {
                    byVersion.merge(v, 1L, Long::sum);
                }
            }
        }
        return new VersionCounts(without, byVersion);
    }

    @Override
    public synchronized Optional<RunRecord> findRun(String runId) {
        InMemoryRun run = runs.get(runId);
        return run == null ? Optional.empty() : Optional.of(run.record);
    }

    @Override
    public synchronized List<WorkflowTaskClaim> claimWorkflowTasks(Collection<String> taskQueues, String owner,
            int max, Duration lease, long nowMillis) {
        List<WorkflowTaskClaim> out = new ArrayList<>();
        long now = storeNow();
        for (InMemoryRun run : runs.values()) {
            if (out.size() >= max) {
                break;
            }
            InMemoryLease l = run.workflowTask;
            if (l != null && taskQueues.contains(run.record.taskQueue()) && run.workflowTaskAvailableAt <= nowMillis
                    && (l.owner == null || l.expiresAt < now)) {
                out.add(claim(run, owner, lease, now));
            }
        }
        return out;
    }

    private static WorkflowTaskClaim claim(InMemoryRun run, String owner, Duration lease, long now) {
        InMemoryLease l = run.workflowTask;
        l.owner = owner;
        l.expiresAt = now + lease.toMillis();
        l.fence = ++run.workflowTaskFences;
        return new WorkflowTaskClaim(run.record.runId(), run.record.workflowId(), l.fence);
    }

    @Override
    public synchronized Optional<WorkflowTaskClaim> claimWorkflowTask(String runId, String owner, Duration lease) {
        InMemoryRun run = runs.get(runId);
        long now = storeNow();
        if (run == null || run.workflowTask == null
                || (run.workflowTask.owner != null && run.workflowTask.expiresAt >= now)) {
            return Optional.empty();
        }
        return Optional.of(claim(run, owner, lease, now));
    }

    @Override
    public synchronized boolean releaseWorkflowTask(String runId, long fence, long availableAt) {
        InMemoryRun run = runs.get(runId);
        if (run == null || run.workflowTask == null || run.workflowTask.owner == null
                || run.workflowTask.fence != fence) {
            return false;
        }
        run.workflowTask.owner = null;
        run.workflowTaskAvailableAt = availableAt;
        hintWorkflowTasks(run.record.taskQueue());
        return true;
    }

    @Override
    public synchronized List<ActivityTask> claimActivityTasks(Collection<String> taskQueues, String owner, int max,
            Duration lease, long nowMillis) {
        long now = storeNow();
        List<InMemoryActivity> candidates = new ArrayList<>();
        for (InMemoryActivity a : activities.values()) {
            if (taskQueues.contains(a.task.taskQueue()) && a.availableAt <= nowMillis && !a.async
                    && (a.deadline == 0 || a.deadline > nowMillis)
                    && (a.lease.owner == null || a.lease.expiresAt < now)) {
                candidates.add(a);
            }
        }
        candidates.sort((x, y) -> Long.compare(x.order, y.order));
        List<ActivityTask> out = new ArrayList<>();
        for (InMemoryActivity a : candidates.subList(0, Math.min(max, candidates.size()))) {
            boolean abandoned = a.lease.owner != null;
            a.attempt++;
            a.lease.owner = owner;
            a.lease.expiresAt = now + lease.toMillis();
            a.lease.fence++;
            a.startedAt = nowMillis;
            a.heartbeatAt = 0;
            a.deadline = a.task.timeouts().deadlineWhileRunning(nowMillis, 0);
            out.add(a.view(abandoned));
        }
        return out;
    }

    @Override
    public synchronized List<ActivityTask> claimTimedOutActivityTasks(String owner, int max, Duration lease,
            long nowMillis) {
        long now = storeNow();
        List<InMemoryActivity> due = activities.values().stream().filter(a -> a.deadline != 0 && a.deadline <= nowMillis)
                .sorted((x, y) -> Long.compare(x.deadline, y.deadline)).limit(max).toList();
        List<ActivityTask> out = new ArrayList<>();
        for (InMemoryActivity a : due) {
            a.lease.owner = owner;
            a.lease.expiresAt = now + lease.toMillis();
            a.lease.fence++;
            a.async = false;
            a.deadline = 0;
            out.add(a.view(false));
        }
        return out;
    }

    @Override
    public synchronized Optional<Long> nextActivityDeadline() {
        return activities.values().stream().map(a -> a.deadline).filter(d -> d != 0).min(Long::compare);
    }

    @Override
    public synchronized HeartbeatResult heartbeatActivity(String runId, String activityId, long fence,
            String details, long nowMillis) {
        InMemoryActivity a = activities.get(key(runId, activityId));
        if (a == null || a.lease.fence != fence || a.startedAt == 0 || (a.lease.owner == null && !a.async)) {
            return HeartbeatResult.STALE;
        }
        a.heartbeatAt = nowMillis;
        if (details != null) {
            a.heartbeatDetails = details;
        }
        a.deadline = a.task.timeouts().deadlineWhileRunning(a.startedAt, nowMillis);
        return a.cancelRequested ? HeartbeatResult.CANCEL_REQUESTED : HeartbeatResult.ACCEPTED;
    }

    @Override
    public synchronized boolean detachActivity(String runId, String activityId, long fence) {
        InMemoryActivity a = activities.get(key(runId, activityId));
        if (a == null || a.lease.fence != fence || a.lease.owner == null) {
            return false;
        }
        a.async = true;
        return true;
    }

    @Override
    public synchronized boolean requestActivityCancel(String runId, String activityId) {
        InMemoryActivity a = activities.get(key(runId, activityId));
        if (a == null) {
            return false;
        }
        a.cancelRequested = true;
        return true;
    }

    @Override
    public synchronized Optional<ActivityTask> findActivityTask(String runId, String activityId) {
        InMemoryActivity a = activities.get(key(runId, activityId));
        return a == null ? Optional.empty() : Optional.of(a.view(false));
    }

    @Override
    public synchronized boolean retryActivity(String runId, String activityId, long fence, long availableAt,
            String lastFailure) {
        InMemoryActivity a = activities.get(key(runId, activityId));
        if (a == null || a.lease.fence != fence) {
            return false;
        }
        a.lease.owner = null;
        a.async = false;
        a.availableAt = availableAt;
        a.lastFailure = lastFailure;
        a.startedAt = 0;
        a.heartbeatAt = 0;
        a.deadline = a.task.timeouts().deadlineWhileWaiting(availableAt);
        hintActivityTasks(a.task.taskQueue());
        return true;
    }

    @Override
    public synchronized int renewLeases(String owner, Duration lease) {
        long expires = storeNow() + lease.toMillis();
        int n = 0;
        for (InMemoryRun run : runs.values()) {
            if (run.workflowTask != null && owner.equals(run.workflowTask.owner)) {
                run.workflowTask.expiresAt = expires;
                n++;
            }
        }
        for (InMemoryActivity a : activities.values()) {
            if (owner.equals(a.lease.owner) && !a.async) {
                a.lease.expiresAt = expires;
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized void releaseLeases(String owner) {
        for (InMemoryRun run : runs.values()) {
            if (run.workflowTask != null && owner.equals(run.workflowTask.owner)) {
                run.workflowTask.owner = null;
                hintWorkflowTasks(run.record.taskQueue());
            }
        }
        for (InMemoryActivity a : activities.values()) {
            if (owner.equals(a.lease.owner) && !a.async) {
                a.lease.owner = null;
                hintActivityTasks(a.task.taskQueue());
            }
        }
        hintTimers(); // the owner's local timer schedule is gone: others fire its timers from now on
    }

    @Override
    public synchronized List<DueTimer> dueTimers(long nowMillis, int max) {
        return timers.values().stream().filter(t -> t.fireAt() <= nowMillis)
                .sorted((x, y) -> Long.compare(x.fireAt(), y.fireAt())).limit(max).toList();
    }

    @Override
    public synchronized Optional<Long> nextTimerDue() {
        return timers.values().stream().map(DueTimer::fireAt).min(Long::compare);
    }

    @Override
    public synchronized boolean deleteTimer(String runId, String timerId) {
        return timers.remove(key(runId, timerId)) != null;
    }

    @Override
    public synchronized void putRequest(MessageRequest request) {
        requests.put(request);
    }

    @Override
    public synchronized List<MessageRequest> claimRequests(Collection<String> taskQueues,
            Collection<String> workflowTypes, String owner, int max, Duration lease, long nowMillis) {
        return requests.claim(taskQueues, workflowTypes, owner, max, lease, nowMillis, storeNow());
    }

    @Override
    public synchronized boolean answerRequest(String requestId, String owner, String answer) {
        return requests.answer(requestId, owner, answer);
    }

    @Override
    public synchronized Optional<String> takeAnswer(String requestId) {
        return requests.take(requestId);
    }

    @Override
    public synchronized boolean withdrawRequest(String requestId) {
        return requests.withdraw(requestId, storeNow());
    }

    @Override
    public synchronized int unparkRuns(Collection<String> workflowTypes) {
        int n = 0;
        for (InMemoryRun run : runs.values()) {
            RunRecord r = run.record;
            if (r.status() == RunStatus.PARKED && workflowTypes.contains(r.workflowType())) {
                run.record = new RunRecord(r.workflowId(), r.runId(), r.workflowType(), r.taskQueue(),
                        RunStatus.RUNNING, r.nextSeq(), r.createdAt(), 0, null, r.replacesRunId());
                run.workflowTask = new InMemoryLease();
                run.workflowTaskAvailableAt = 0;
                hintWorkflowTasks(r.taskQueue());
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
    }
}
