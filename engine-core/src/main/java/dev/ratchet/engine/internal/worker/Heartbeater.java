package dev.ratchet.engine.internal.worker;

import dev.ratchet.api.CanceledFailure;
import dev.ratchet.engine.store.ActivityTask;
import dev.ratchet.engine.store.HeartbeatResult;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeats of one attempt. Writes are coalesced: at most one store write per throttle interval (80% of the
 * heartbeat timeout, or {@link #DEFAULT_THROTTLE_MS} without one); a beat inside the interval is kept and written by a
 * delayed flush, or earlier by {@link #flush()}, which the engine calls before it records a timeout, a failure, a retry
 * or a release of the attempt. Thread-safe (the attempt may beat from any thread it starts).
 */
final class Heartbeater {
    private static final Logger log = LoggerFactory.getLogger(Heartbeater.class);
    /** Write interval when the activity has no heartbeat timeout: only progress details need storing then. */
    static final long DEFAULT_THROTTLE_MS = 1_000;

    private final WorkerContext ctx;
    private final ActivityTask task;
    private final ScheduledExecutorService scheduler;
    private final long throttleNanos;
    private boolean pending;
    private String pendingDetails; // null = a bare beat (the stored details stay)
    private String latestDetails;
    private long lastWriteNanos;
    private boolean written;
    private long lastWriteAtMillis; // engine clock, 0 = none
    private ScheduledFuture<?> delayedFlush;
    private volatile boolean stale;
    private volatile boolean cancelRequested;
    private boolean closed;

    Heartbeater(WorkerContext ctx, ActivityTask task, ScheduledExecutorService scheduler) {
        this.ctx = ctx;
        this.task = task;
        this.scheduler = scheduler;
        long timeout = task.timeouts().heartbeatMillis();
        this.throttleNanos = TimeUnit.MILLISECONDS.toNanos(timeout == 0 ? DEFAULT_THROTTLE_MS : timeout * 4 / 5);
        this.latestDetails = task.heartbeatDetails();
        this.lastWriteAtMillis = task.heartbeatAt();
    }

    /**
     * Records a beat with {@code detailsJson} (null keeps the previous details). Throws {@link CanceledFailure} once
     * the store reported that cancellation was requested.
     */
    void beat(String detailsJson) {
        synchronized (this) {
            if (detailsJson != null) {
                latestDetails = detailsJson;
                pendingDetails = detailsJson;
            }
            pending = true;
            long now = System.nanoTime();
            if (!written || now - lastWriteNanos >= throttleNanos) {
                writeLocked();
            } else if (delayedFlush == null && !closed) {
                long delay = throttleNanos - (now - lastWriteNanos);
                try {
                    delayedFlush = scheduler.schedule(this::flushQuietly, delay, TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    writeLocked(); // closing: write now rather than lose it
                }
            }
        }
        if (cancelRequested) {
            throw new CanceledFailure("activity " + task.activityType() + " (id " + task.activityId()
                    + ") was canceled");
        }
    }

    /** Writes a coalesced beat now, if there is one. */
    synchronized void flush() {
        if (pending) {
            writeLocked();
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.debug("heartbeat of activity {} of run {} not written: {}", task.activityId(), task.runId(),
                    e.toString());
        }
    }

    private void writeLocked() {
        if (delayedFlush != null) {
            delayedFlush.cancel(false);
            delayedFlush = null;
        }
        pending = false;
        String details = pendingDetails;
        pendingDetails = null;
        lastWriteNanos = System.nanoTime();
        written = true;
        if (stale) {
            return; // the attempt lost its claim: nothing it writes would be accepted
        }
        long now = ctx.clock().millis();
        HeartbeatResult r = ctx.store().heartbeatActivity(task.runId(), task.activityId(), task.fence(), details, now);
        switch (r) {
            case ACCEPTED -> lastWriteAtMillis = now;
            case CANCEL_REQUESTED -> {
                lastWriteAtMillis = now;
                cancelRequested = true;
            }
            case STALE -> stale = true;
        }
    }

    /** Stops delayed flushes (the attempt ended). */
    synchronized void close() {
        closed = true;
        if (delayedFlush != null) {
            delayedFlush.cancel(false);
            delayedFlush = null;
        }
    }

    /** Whether a beat is waiting to be written. */
    synchronized boolean hasPending() {
        return pending;
    }

    /** The details of the latest beat of this attempt, or of an earlier attempt, as JSON; null if none. */
    synchronized String latestDetails() {
        return latestDetails;
    }

    /** When the latest beat was written (engine clock); the attempt's start if none was. */
    synchronized long lastWrittenAt() {
        return lastWriteAtMillis;
    }

    /** Whether the store said this attempt lost its claim. */
    boolean isStale() {
        return stale;
    }
}
