package dev.ratchet.engine.internal.worker;

import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.RunRecord;
import dev.ratchet.engine.store.RunStatus;
import dev.ratchet.engine.store.WorkflowStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Lets clients wait for a run's closing event. This engine's own commits complete waiters at once; runs closed by
 * other engines are found by polling the store with a growing interval. Thread-safe.
 */
public final class ResultWaiters implements AutoCloseable {
    private static final long FIRST_POLL_MS = 2_000;
    private static final long MAX_POLL_MS = 5_000;

    private final WorkflowStore store;
    private static final int RECENT_CAPACITY = 10_000;

    private final Map<String, CompletableFuture<HistoryEvent>> waiting = new ConcurrentHashMap<>();
    /** Runs this engine closed lately, so a waiter that arrives after the close needs no store read. */
    private final Map<String, HistoryEvent> recentlyClosed = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, HistoryEvent> eldest) {
                    return size() > RECENT_CAPACITY;
                }
            });
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ratchet-result-poller").factory());

    /** Creates the waiters over a store. */
    public ResultWaiters(WorkflowStore store) {
        this.store = store;
    }

    /** Completes the waiters of a run closed by this engine. */
    public void closed(String runId, HistoryEvent closingEvent) {
        recentlyClosed.put(runId, closingEvent);
        CompletableFuture<HistoryEvent> f = waiting.remove(runId);
        if (f != null) {
            f.complete(closingEvent);
        }
    }

    /**
     * A future of the run's closing event. When {@code runningHere} (this engine just started the run and holds it),
     * its close will be announced locally, so the store is polled only as a fallback; otherwise it is read at once.
     */
    public CompletableFuture<HistoryEvent> await(String runId, boolean runningHere) {
        HistoryEvent done = recentlyClosed.get(runId);
        if (done != null) {
            return CompletableFuture.completedFuture(done);
        }
        CompletableFuture<HistoryEvent> f = waiting.computeIfAbsent(runId, k -> new CompletableFuture<>());
        done = recentlyClosed.get(runId); // closed between the two looks
        if (done != null) {
            waiting.remove(runId, f);
            f.complete(done);
        } else if (!f.isDone()) {
            if (runningHere) {
                schedule(runId, f, FIRST_POLL_MS);
            } else {
                check(runId, f, 0);
            }
        }
        return f;
    }

    private void check(String runId, CompletableFuture<HistoryEvent> f, long delay) {
        if (f.isDone()) {
            return;
        }
        Optional<HistoryEvent> closing;
        try {
            closing = closingEvent(runId);
        } catch (RuntimeException e) {
            closing = Optional.empty();
        }
        if (closing.isPresent()) {
            waiting.remove(runId, f);
            f.complete(closing.get());
            return;
        }
        schedule(runId, f, delay == 0 ? FIRST_POLL_MS : Math.min(delay * 2, MAX_POLL_MS));
    }

    private void schedule(String runId, CompletableFuture<HistoryEvent> f, long delay) {
        try {
            poller.schedule(() -> check(runId, f, delay), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing down
        }
    }

    /** The closing event of a run, if it has closed. */
    public Optional<HistoryEvent> closingEvent(String runId) {
        Optional<RunRecord> run = store.findRun(runId);
        if (run.isEmpty() || !run.get().status().isClosed()) {
            return Optional.empty();
        }
        List<HistoryEvent> last = store.loadHistory(runId, run.get().nextSeq() - 1);
        return last.isEmpty() ? Optional.empty() : Optional.of(last.get(last.size() - 1));
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
