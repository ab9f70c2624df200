package dev.ratchet.engine.store;

/**
 * A message for a run that only an engine registering the run's workflow type can handle (an update, whose validator
 * and handler are workflow code, or a query, answered from the run's state), sent by an engine that does not register
 * it. It waits in the store until an engine serving the run's type and task queue claims it
 * ({@link WorkflowStore#claimRequests}) and answers it ({@link WorkflowStore#answerRequest}); the sender then takes the
 * answer ({@link WorkflowStore#takeAnswer}). Requests are not history: a rejected update leaves no trace in the run.
 *
 * @param requestId    unique ID, chosen by the sender (an update's ID in the run)
 * @param runId        the run it is for
 * @param workflowType the run's workflow type
 * @param taskQueue    the run's task queue
 * @param kind         what it asks, for example {@code "update"} or {@code "query"}; opaque to the store
 * @param payload      what the handling engine needs (JSON); opaque to the store
 * @param createdAt    when it was sent, epoch ms (engine clock)
 */
public record MessageRequest(String requestId, String runId, String workflowType, String taskQueue, String kind,
        String payload, long createdAt) {
    /** Validates the shape. */
    public MessageRequest {
        if (requestId == null || runId == null || workflowType == null || taskQueue == null || kind == null
                || payload == null) {
            throw new IllegalArgumentException("a message request needs an ID, run, workflow type, task queue, kind"
                    + " and payload");
        }
    }
}
