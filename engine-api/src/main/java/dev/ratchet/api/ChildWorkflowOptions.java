package dev.ratchet.api;

import java.time.Duration;

/**
 * How workflow code starts a child workflow. Immutable; validated on construction.
 *
 * @param workflowId        the child's workflow ID, or null to derive one deterministically from the parent
 *                          (parent workflow ID + "/" + the call's command number)
 * @param taskQueue         the queue whose engines run the child, or null for the parent's queue
 * @param executionTimeout  the longest the child may run; null for none
 * @param parentClosePolicy what happens to the child if the parent closes first
 */
public record ChildWorkflowOptions(String workflowId, String taskQueue, Duration executionTimeout,
        ParentClosePolicy parentClosePolicy) {

    /** Validates every field. */
    public ChildWorkflowOptions {
        if (workflowId != null) {
            WorkflowOptions.validateId(workflowId, "workflowId");
        }
        if (taskQueue != null) {
            InvalidArgumentException.requireNonBlank(taskQueue, "taskQueue");
        }
        if (executionTimeout != null && (executionTimeout.isNegative() || executionTimeout.isZero())) {
            throw new InvalidArgumentException("executionTimeout must be positive (or null for none), was "
                    + executionTimeout);
        }
        InvalidArgumentException.requireNonNull(parentClosePolicy, "parentClosePolicy");
    }

    /** Defaults: a derived workflow ID, the parent's task queue, no timeout, {@link ParentClosePolicy#TERMINATE}. */
    public static ChildWorkflowOptions defaults() {
        return new ChildWorkflowOptions(null, null, null, ParentClosePolicy.TERMINATE);
    }

    /** A copy with a chosen workflow ID. */
    public ChildWorkflowOptions withWorkflowId(String id) {
        return new ChildWorkflowOptions(id, taskQueue, executionTimeout, parentClosePolicy);
    }

    /** A copy with another task queue. */
    public ChildWorkflowOptions withTaskQueue(String queue) {
        return new ChildWorkflowOptions(workflowId, queue, executionTimeout, parentClosePolicy);
    }

    /** A copy with an execution timeout (null for none). */
    public ChildWorkflowOptions withExecutionTimeout(Duration timeout) {
        return new ChildWorkflowOptions(workflowId, taskQueue, timeout, parentClosePolicy);
    }

    /** A copy with another parent-close policy. */
    public ChildWorkflowOptions withParentClosePolicy(ParentClosePolicy policy) {
        return new ChildWorkflowOptions(workflowId, taskQueue, executionTimeout, policy);
    }
}
