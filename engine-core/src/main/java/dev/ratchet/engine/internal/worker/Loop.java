package dev.ratchet.engine.internal.worker;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background loop on its own thread: runs a step that returns how long to wait before the next one, and can be
 * woken early. Errors are logged and retried after a pause, so a store outage never kills the loop. Thread-safe.
 */
final class Loop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Loop.class);
    private static final long ERROR_PAUSE_MS = 1_000;

    private final String name;
    private final LongSupplier step;
    private final Semaphore wakeups = new Semaphore(0);
    private final Thread thread;
    private volatile boolean stopped;

    Loop(String name, LongSupplier step) {
        this.name = name;
        this.step = step;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Runs the next step now instead of after the wait. */
    void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    private void run() {
        while (!stopped) {
            long waitMs;
            try {
                waitMs = step.getAsLong();
            } catch (RuntimeException e) {
                if (stopped) {
                    break;
                }
                log.warn("{}: {}", name, e.toString());
                waitMs = ERROR_PAUSE_MS;
            }
            try {
                if (waitMs > 0 && wakeups.tryAcquire(waitMs, TimeUnit.MILLISECONDS)) {
                    wakeups.drainPermits();
                }
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
