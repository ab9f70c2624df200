package dev.ratchet.api;

import java.time.Instant;

/**
 * A snapshot of one workflow run, for people and dashboards.
 *
 * @param workflowId        the business ID
 * @param runId             the run
 * @param workflowType      the workflow type name
 * @param taskQueue         the task queue
 * @param status            the lifecycle state
 * @param startedAt         when the run was started (engine clock)
 * @param closedAt          when it finished, or null
 * @param historyLength     number of events in its history
 * @param parkedError       why the run is parked, or null
 * @param historyWarning    a warning when the history is longer than the engine's warning limit (suggesting
 *                          {@code continueAsNew}), or null
 * @param continuedFromRunId the run this run continues ({@link Workflow#continueAsNew}), which closed as
 *                          {@link WorkflowStatus#CONTINUED_AS_NEW}; null for the first run of a workflow
 */
public record WorkflowDescription(String workflowId, String runId, String workflowType, String taskQueue,
        WorkflowStatus status, Instant startedAt, Instant closedAt, long historyLength, String parkedError,
        String historyWarning, String continuedFromRunId) {

    /** A description of a run that continues no other run. */
    public WorkflowDescription(String workflowId, String runId, String workflowType, String taskQueue,
            WorkflowStatus status, Instant startedAt, Instant closedAt, long historyLength, String parkedError,
            String historyWarning) {
        this(workflowId, runId, workflowType, taskQueue, status, startedAt, closedAt, historyLength, parkedError,
                historyWarning, null);
    }
}
