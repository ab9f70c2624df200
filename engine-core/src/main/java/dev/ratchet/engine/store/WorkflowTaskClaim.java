package dev.ratchet.engine.store;

/**
 * A workflow task claimed by an engine: the right, under a lease, to run the run's workflow code over the events that
 * arrived and commit its decisions.
 *
 * @param runId      the run
 * @param workflowId its workflow ID
 * @param fence      the fencing number; {@link RunCommit#workflowTaskFence()} must carry it
 */
public record WorkflowTaskClaim(String runId, String workflowId, long fence) {
}
