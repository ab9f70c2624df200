package dev.ratchet.engine.internal.worker;

import dev.ratchet.engine.internal.history.EventType;
import dev.ratchet.engine.internal.history.Events;
import dev.ratchet.engine.store.HistoryEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Callers waiting for updates they sent, woken when this engine commits the update's UpdateCompleted event. Updates
 * completed by another engine are found by the waiter re-reading history. Thread-safe.
 */
final class UpdateWaiters {
    private final Map<String, CompletableFuture<Events.Event>> waiting = new ConcurrentHashMap<>();
    private final Events events;

    UpdateWaiters(Events events) {
        this.events = events;
    }

    CompletableFuture<Events.Event> register(String runId, String updateId) {
        return waiting.computeIfAbsent(runId + '/' + updateId, k -> new CompletableFuture<>());
    }

    void remove(String runId, String updateId) {
        waiting.remove(runId + '/' + updateId);
    }

    /** Wakes the callers of updates whose completion was just committed. */
    void committed(String runId, List<HistoryEvent> written) {
        if (waiting.isEmpty()) {
            return;
        }
        for (HistoryEvent e : written) {
            if (e.type().equals(EventType.UpdateCompleted.name())) {
                Events.Event parsed = events.parse(e);
                CompletableFuture<Events.Event> f = waiting.get(runId + '/' + parsed.text("updateId"));
                if (f != null) {
                    f.complete(parsed);
                }
            }
        }
    }
}
