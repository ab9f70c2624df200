package dev.ratchet.api;

/**
 * Completes, fails or heartbeats an activity that declared {@link ActivityContext#doNotCompleteOnReturn()}, from any
 * thread or any engine on the same store, by its task token or by (workflow ID, activity ID). Thread-safe.
 *
 * <p>Each call is checked against the current attempt: completing twice, an unknown token, a token of an attempt that
 * already ended (completed, failed, timed out) or an activity that is not open gives an
 * {@link ActivityCompletionException} and changes nothing.
 */
public interface ActivityCompletionClient {
    /** Completes the attempt named by {@code taskToken} with {@code result}. */
    void complete(String taskToken, Object result);

    /** Completes the open activity {@code activityId} of the latest run of {@code workflowId} with {@code result}. */
    void complete(String workflowId, String activityId, Object result);

    /** Fails the attempt named by {@code taskToken}; the activity's retry policy decides whether it is retried. */
    void fail(String taskToken, ApplicationFailure failure);

    /** Fails the open activity {@code activityId} of the latest run of {@code workflowId}; retried by its policy. */
    void fail(String workflowId, String activityId, ApplicationFailure failure);

    /**
     * Records progress of the attempt named by {@code taskToken}, resetting its heartbeat timeout.
     *
     * @throws CanceledFailure if cancellation of the activity was requested
     */
    void heartbeat(String taskToken, Object details);

    /** Records progress of the open activity {@code activityId} of the latest run of {@code workflowId}. */
    void heartbeat(String workflowId, String activityId, Object details);
}
