package dev.ratchet.testing;

import dev.ratchet.engine.store.ActivityTask;
import dev.ratchet.engine.store.CommitResult;
import dev.ratchet.engine.store.NewActivityTask;
import dev.ratchet.engine.store.RunCommit;
import dev.ratchet.engine.store.RunStatus;
import dev.ratchet.engine.store.WorkflowStore;
import dev.ratchet.engine.store.WorkflowTaskClaim;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Wraps the environment's store to keep track of work that is waiting in it for a poll rather than in flight in the
 * engine: unclaimed workflow tasks and unclaimed activity tasks (first attempts on other paths, and retries), each
 * with the time it becomes claimable. The store SPI cannot list them, so the wrapper learns them from the calls that
 * create and claim them. Writes and the {@link #probe} run under one lock, so a probe sees the store between writes.
 * A dynamic proxy, so SPI methods added later pass through unchanged. Thread-safe.
 */
final class ObservedStore implements InvocationHandler {
    /** What {@link #probe} found. */
    record Probe(boolean dueNow, long nextAt) {
        static final long NONE = Long.MAX_VALUE;
    }

    private final WorkflowStore delegate;
    private final LongSupplier clock;
    private final Runnable changed;
    private final ReentrantLock lock = new ReentrantLock();
    /** Runs with a pending, unclaimed workflow task: run ID to when it becomes claimable. */
    private final Map<String, Long> workflowTasks = new HashMap<>();
    /** Unclaimed activity tasks: "runId\0activityId" to when they become claimable. */
    private final Map<String, Long> activityTasks = new HashMap<>();

    private ObservedStore(WorkflowStore delegate, LongSupplier clock, Runnable changed) {
        this.delegate = delegate;
        this.clock = clock;
        this.changed = changed;
    }

    /** Wraps {@code delegate}; {@code changed} is called after every write. */
    static ObservedStore wrap(WorkflowStore delegate, LongSupplier clock, Runnable changed) {
        return new ObservedStore(delegate, clock, changed);
    }

    /** The store to hand to the engine. */
    WorkflowStore store() {
        return (WorkflowStore) Proxy.newProxyInstance(WorkflowStore.class.getClassLoader(),
                new Class<?>[] {WorkflowStore.class}, this);
    }

    /** The wrapped store. */
    WorkflowStore delegate() {
        return delegate;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "observed " + delegate;
            };
        }
        boolean observed = switch (method.getName()) {
            case "commit", "claimWorkflowTasks", "claimWorkflowTask", "releaseWorkflowTask", "claimActivityTasks",
                    "retryActivity", "claimTimedOutActivityTasks", "unparkRuns" -> true;
            default -> false;
        };
        if (!observed) {
            return call(method, args);
        }
        lock.lock();
        try {
            Object result = call(method, args);
            record(method.getName(), args, result);
            return result;
        } finally {
            lock.unlock();
            changed.run();
        }
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private void record(String name, Object[] args, Object result) {
        switch (name) {
            case "commit" -> {
                List<RunCommit> commits = (List<RunCommit>) args[0];
                List<CommitResult> results = (List<CommitResult>) result;
                for (int i = 0; i < commits.size(); i++) {
                    if (results.get(i).isCommitted()) {
                        committed(commits.get(i));
                    }
                }
            }
            case "claimWorkflowTasks" -> ((List<WorkflowTaskClaim>) result).forEach(c -> workflowTasks.remove(c.runId()));
            case "claimWorkflowTask" -> ((Optional<WorkflowTaskClaim>) result)
                    .ifPresent(c -> workflowTasks.remove(c.runId()));
            case "releaseWorkflowTask" -> {
                if ((Boolean) result) {
                    workflowTasks.put((String) args[0], (Long) args[2]);
                }
            }
            case "claimActivityTasks", "claimTimedOutActivityTasks" -> ((List<ActivityTask>) result)
                    .forEach(t -> activityTasks.remove(key(t.runId(), t.activityId())));
            case "retryActivity" -> {
                if ((Boolean) result) {
                    activityTasks.put(key((String) args[0], (String) args[1]), (Long) args[3]);
                }
            }
            default -> {
                // unparkRuns: only at engine start, before any run of this environment exists
            }
        }
    }

    private void committed(RunCommit c) {
        switch (c.workflowTask()) {
            case SCHEDULE -> workflowTasks.putIfAbsent(c.runId(), clock.getAsLong());
            case COMPLETE, REQUIRE_NONE -> workflowTasks.remove(c.runId());
            case NONE -> { }
        }
        for (dev.ratchet.engine.store.CompletedActivity done : c.completedActivities()) {
            activityTasks.remove(key(c.runId(), done.activityId()));
        }
        for (NewActivityTask t : c.activityTasks()) {
            if (t.leaseOwner() == null) { // claimed in the commit: in flight, not waiting
                activityTasks.put(key(t.runId(), t.activityId()), t.availableAt());
            }
        }
        if (c.newStatus() != null && c.newStatus() != RunStatus.RUNNING) {
            workflowTasks.remove(c.runId());
            if (c.newStatus() != RunStatus.PARKED) {
                activityTasks.keySet().removeIf(k -> k.startsWith(c.runId() + '\0'));
            }
        }
    }

    /**
     * Whether any waiting work (timer, activity deadline, workflow or activity task) is due at {@code now}, and
     * otherwise when the earliest becomes due. Entries the store no longer backs are dropped.
     */
    Probe probe(long now) {
        lock.lock();
        try {
            long next = Probe.NONE;
            boolean due = false;
            for (Optional<Long> at : List.of(delegate.nextTimerDue(), delegate.nextActivityDeadline())) {
                if (at.isPresent()) {
                    due |= at.get() <= now;
                    next = Math.min(next, at.get());
                }
            }
            for (Iterator<Map.Entry<String, Long>> it = workflowTasks.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, Long> e = it.next();
                if (e.getValue() <= now) {
                    boolean running = delegate.findRun(e.getKey()).map(r -> r.status() == RunStatus.RUNNING)
                            .orElse(false);
                    if (!running) {
                        it.remove();
                        continue;
                    }
                    due = true;
                }
                next = Math.min(next, e.getValue());
            }
            for (Iterator<Map.Entry<String, Long>> it = activityTasks.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, Long> e = it.next();
                String[] k = e.getKey().split("\0", 2);
                Optional<ActivityTask> task = delegate.findActivityTask(k[0], k[1]);
                if (task.isEmpty() || task.get().startedAt() != 0 || task.get().async()) {
                    it.remove(); // gone, or claimed since (its attempt is in flight or detached)
                    continue;
                }
                long at = task.get().availableAt();
                e.setValue(at);
                due |= at <= now;
                next = Math.min(next, at);
            }
            return new Probe(due, next);
        } finally {
            lock.unlock();
        }
    }

    private static String key(String runId, String activityId) {
        return runId + '\0' + activityId;
    }
}
