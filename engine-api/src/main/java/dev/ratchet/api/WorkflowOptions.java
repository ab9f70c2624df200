package dev.ratchet.api;

import java.time.Duration;

/**
 * How a workflow is started: its business ID, what to do if the ID is taken, the task queue whose engines run its
 * code, and how long it may run. Immutable; validated on construction.
 *
 * @param workflowId       the business ID, unique per store; at most 255 characters, no control characters
 * @param conflictPolicy   what to do when a run with this ID exists
 * @param taskQueue        the queue whose engines run the workflow code
 * @param executionTimeout the longest the workflow may run over all its runs (continue-as-new included); when it
 *                         passes the workflow fails with a {@link TimeoutFailure}; null for none
 * @param runTimeout       the longest one run may take; null for none
 * @param reusePolicy      what to do when the latest run with this ID has closed
 *                         (default {@link WorkflowIdReusePolicy#USE_EXISTING}: hand back the closed run)
 */
public record WorkflowOptions(String workflowId, WorkflowIdConflictPolicy conflictPolicy, String taskQueue,
        Duration executionTimeout, Duration runTimeout, WorkflowIdReusePolicy reusePolicy) {

    /** The longest workflow ID accepted. */
    public static final int MAX_ID_LENGTH = 255;

    /** Validates every field. */
    public WorkflowOptions {
        validateId(workflowId, "workflowId");
        InvalidArgumentException.requireNonNull(conflictPolicy, "conflictPolicy");
        InvalidArgumentException.requireNonBlank(taskQueue, "taskQueue");
        if (taskQueue.length() > 100) {
            throw new InvalidArgumentException("taskQueue must be at most 100 characters, was " + taskQueue.length());
        }
        requirePositiveOrNull(executionTimeout, "executionTimeout");
        requirePositiveOrNull(runTimeout, "runTimeout");
        InvalidArgumentException.requireNonNull(reusePolicy, "reusePolicy");
    }

    /** Options with the default reuse policy, {@link WorkflowIdReusePolicy#USE_EXISTING}. */
    public WorkflowOptions(String workflowId, WorkflowIdConflictPolicy conflictPolicy, String taskQueue,
            Duration executionTimeout, Duration runTimeout) {
        this(workflowId, conflictPolicy, taskQueue, executionTimeout, runTimeout,
                WorkflowIdReusePolicy.USE_EXISTING);
    }

    private static void requirePositiveOrNull(Duration d, String name) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new InvalidArgumentException(name + " must be positive (or null for none), was " + d);
        }
    }

    /** Options for the given workflow ID, with {@link WorkflowIdConflictPolicy#USE_EXISTING} on the default queue. */
    public static WorkflowOptions of(String workflowId) {
        return new WorkflowOptions(workflowId, WorkflowIdConflictPolicy.USE_EXISTING,
                ActivityOptions.DEFAULT_TASK_QUEUE, null, null);
    }

    /** A copy with another conflict policy. */
    public WorkflowOptions withConflictPolicy(WorkflowIdConflictPolicy policy) {
        return new WorkflowOptions(workflowId, policy, taskQueue, executionTimeout, runTimeout, reusePolicy);
    }

    /** A copy on another task queue. */
    public WorkflowOptions withTaskQueue(String queue) {
        return new WorkflowOptions(workflowId, conflictPolicy, queue, executionTimeout, runTimeout, reusePolicy);
    }

    /** A copy with another execution timeout (null for none). */
    public WorkflowOptions withExecutionTimeout(Duration timeout) {
        return new WorkflowOptions(workflowId, conflictPolicy, taskQueue, timeout, runTimeout, reusePolicy);
    }

    /** A copy with another run timeout (null for none). */
    public WorkflowOptions withRunTimeout(Duration timeout) {
        return new WorkflowOptions(workflowId, conflictPolicy, taskQueue, executionTimeout, timeout, reusePolicy);
    }

    /** A copy with another reuse policy (what a start does when the ID's latest run has closed). */
    public WorkflowOptions withReusePolicy(WorkflowIdReusePolicy policy) {
        return new WorkflowOptions(workflowId, conflictPolicy, taskQueue, executionTimeout, runTimeout, policy);
    }

    /** Checks a workflow ID: not blank, at most {@link #MAX_ID_LENGTH} characters, no control characters. */
    public static String validateId(String id, String argument) {
        InvalidArgumentException.requireNonBlank(id, argument);
        if (id.length() > MAX_ID_LENGTH) {
            throw new InvalidArgumentException(argument + " must be at most " + MAX_ID_LENGTH + " characters, was "
                    + id.length());
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                throw new InvalidArgumentException(argument + " must not contain control characters (found U+"
                        + String.format("%04X", (int) id.charAt(i)) + " at index " + i + ")");
            }
        }
        return id;
    }
}
