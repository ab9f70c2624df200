package dev.ratchet.testing;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.engine.store.HistoryEvent;
import java.util.List;

/**
 * One workflow run's recorded history, as {@link Histories} reads and writes it. Immutable, thread-safe.
 *
 * @param workflowId   the business ID
 * @param runId        the run
 * @param workflowType the workflow type name
 * @param taskQueue    the run's task queue
 * @param events       its events in order, from {@code WorkflowStarted} (seq 1)
 */
public record WorkflowHistory(String workflowId, String runId, String workflowType, String taskQueue,
        List<HistoryEvent> events) {

    /** Validates and copies. */
    public WorkflowHistory {
        InvalidArgumentException.requireNonBlank(workflowId, "workflowId");
        InvalidArgumentException.requireNonBlank(runId, "runId");
        InvalidArgumentException.requireNonBlank(workflowType, "workflowType");
        InvalidArgumentException.requireNonBlank(taskQueue, "taskQueue");
        events = List.copyOf(InvalidArgumentException.requireNonNull(events, "events"));
    }
}
