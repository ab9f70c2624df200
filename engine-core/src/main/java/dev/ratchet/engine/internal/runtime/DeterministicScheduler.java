package dev.ratchet.engine.internal.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a run's workflow threads one at a time, in creation order, until every thread is blocked or done. Because the
 * order depends only on the code and the events delivered, a replay reaches the same interleaving.
 * Not thread-safe: one caller (the thread processing the run's workflow task) at a time.
 */
final class DeterministicScheduler {
    private final List<WorkflowThread> threads = new ArrayList<>();
    private final long deadlockTimeoutNanos;
    private WorkflowThread current;
    /** Set when the run closed or its task failed: no thread runs any more (written by a workflow thread). */
    private volatile boolean halted;

    DeterministicScheduler(Duration deadlockTimeout) {
        this.deadlockTimeoutNanos = deadlockTimeout.toNanos();
    }

    void add(WorkflowThread thread) {
        threads.add(thread);
    }

    /** Stops running threads for good, from the next hand-off on (the run closed or its task failed). */
    void halt() {
        halted = true;
    }

    /** The workflow thread that is running, or null when called from outside. */
    WorkflowThread current() {
        return current;
    }

    /**
     * Runs runnable threads until none can progress.
     *
     * @throws PotentialDeadlockException if a thread did not yield back within the deadlock timeout
     */
    void runUntilBlocked() {
        boolean progress = !halted;
        while (progress) {
            progress = false;
            // snapshot: threads started by a running thread join the next round, in creation order
            for (WorkflowThread t : List.copyOf(threads)) {
                if (halted) {
                    return;
                }
                if (!t.isRunnable()) {
                    continue;
                }
                progress = true;
                current = t;
                boolean yielded;
                try {
                    yielded = t.runSlice(deadlockTimeoutNanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while running workflow code", e);
                } finally {
                    current = null;
                }
                if (!yielded) {
                    throw new PotentialDeadlockException(t.stackTrace(), Duration.ofNanos(deadlockTimeoutNanos));
                }
            }
            threads.removeIf(WorkflowThread::isDone);
        }
    }

    /** Unwinds every thread; the scheduler is unusable afterwards. */
    void destroy() {
        for (WorkflowThread t : threads) {
            t.destroy();
        }
        threads.clear();
    }
}
