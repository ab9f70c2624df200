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
    private static final long FIRST_POLL_MS = 1_000;
    private static final long MAX_POLL_MS = 5_000;

    private final WorkflowStore store;
    private final Map<String, CompletableFuture<HistoryEvent>> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ratchet-result-poller").factory());

    /** Creates the waiters over a store. */
    public ResultWaiters(WorkflowStore store) {
        this.store = store;
    }

    /** Completes the waiters of a run closed by this engine. */
    public void closed(String runId, HistoryEvent closingEvent) {
        CompletableFuture<HistoryEvent> f = waiting.remove(runId);
        if (f != null) {
            f.complete(closingEvent);
        }
    }

    /** A future of the run's closing event. */
    public CompletableFuture<HistoryEvent> await(String runId) {
        CompletableFuture<HistoryEvent> f = waiting.computeIfAbsent(runId, k -> new CompletableFuture<>());
        if (!f.isDone()) {
            check(runId, f, 0);
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
        long next = delay == 0 ? FIRST_POLL_MS : Math.min(delay * 2, MAX_POLL_MS);
        try {
            poller.schedule(() -> check(runId, f, next), next, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing down
        }
    }

    /** The closing event of a run, if it has closed. */
    public Optional<HistoryEvent> closingEvent(String runId) {
        Optional<RunRecord> run = store.findRun(runId);
        if (run.isEmpty() || (run.get().status() != RunStatus.COMPLETED && run.get().status() != RunStatus.FAILED)) {
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
