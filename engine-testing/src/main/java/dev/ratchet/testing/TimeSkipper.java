package dev.ratchet.testing;

import dev.ratchet.engine.Engine;
import dev.ratchet.engine.EngineProbe;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Skips time: while the test waits (for a workflow result, or in {@link TestWorkflowEnvironment#sleep}) and the
 * engine is idle (no unit of work in flight, nothing claimable now), moves the virtual clock to the earliest time at
 * which waiting work becomes due, and wakes the engine's pollers to claim it.
 *
 * <p>Why only while the test waits: a test that signals a workflow before its timeout must get to send the signal
 * before the timeout's timer is skipped to. Why "idle" counts the engine's units and the store's waiting work: a
 * unit hands its follow-up to the next unit before it ends (see {@link EngineProbe#workStarted}), and work that only
 * a poll picks up is in the store's {@link ObservedStore#probe}; so idle is never seen in between. Thread-safe.
 */
final class TimeSkipper implements EngineProbe, AutoCloseable {
    private static final long RECHECK_MS = 20;

    private final VirtualClock clock;
    private final ObservedStore store;
    private final DeterminismCheck determinism;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Counts every unit start: an idle check that saw it change saw a moment of work. */
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicInteger waiters = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread thread;
    private volatile Engine engine;
    private volatile long sleepTarget = -1;
    private volatile boolean closed;

    TimeSkipper(VirtualClock clock, ObservedStore store, DeterminismCheck determinism) {
        this.clock = clock;
        this.store = store;
        this.determinism = determinism;
        this.thread = Thread.ofPlatform().daemon().name("ratchet-time-skipper").unstarted(this::run);
    }

    void start(Engine started) {
        this.engine = started;
        thread.start();
    }

    @Override
    public void workStarted() {
        epoch.incrementAndGet();
        inFlight.incrementAndGet();
    }

    @Override
    public void workFinished() {
        if (inFlight.decrementAndGet() == 0) {
            signal();
        }
    }

    @Override
    public String explainBlockedWorkflow(StackTraceElement[] stack) {
        return determinism.explain(stack);
    }

    /** A test thread begins waiting for a workflow result: time may be skipped until {@link #endWait}. */
    void beginWait() {
        waiters.incrementAndGet();
        signal();
    }

    void endWait() {
        waiters.decrementAndGet();
    }

    /** Advances virtual time by {@code d}, firing what becomes due on the way in order; waits for the engine. */
    synchronized void sleep(Duration d, Duration realTimeLimit) {
        long target = clock.millis() + d.toMillis();
        sleepTarget = target;
        signal();
        long deadline = System.nanoTime() + realTimeLimit.toNanos();
        lock.lock();
        try {
            while (sleepTarget != -1 && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    sleepTarget = -1;
                    throw new IllegalStateException("sleep(" + d + ") did not reach its time within " + realTimeLimit
                            + " of real time: work kept running (an activity attempt in flight stops time skipping)");
                }
                changed.awaitNanos(Math.min(left, Duration.ofMillis(RECHECK_MS).toNanos()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sleepTarget = -1;
        } finally {
            lock.unlock();
        }
    }

    void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (!closed) {
            lock.lock();
            try {
                changed.await(RECHECK_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (closed) {
                return;
            }
            try {
                step();
            } catch (RuntimeException e) {
                // the store is closing or briefly failing: the next check tries again
            }
        }
    }

    private void step() {
        long target = sleepTarget;
        if (waiters.get() == 0 && target == -1) {
            return;
        }
        long seen = epoch.get();
        if (inFlight.get() > 0) {
            return;
        }
        long now = clock.millis();
        ObservedStore.Probe p = store.probe(now);
        if (inFlight.get() > 0 || epoch.get() != seen) {
            return;
        }
        Engine e = engine;
        if (p.dueNow()) {
            e.pollNow();
            return;
        }
        long limit = target != -1 ? target : Long.MAX_VALUE;
        if (p.nextAt() != ObservedStore.Probe.NONE && p.nextAt() <= limit) {
            clock.advanceTo(p.nextAt());
            e.pollNow();
        } else if (target != -1) {
            clock.advanceTo(target);
            sleepTarget = -1;
            signal();
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
