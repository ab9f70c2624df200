package dev.ratchet.engine.internal.history;

/**
 * The kinds of history events. Inputs arrive from outside the workflow code (start, activity outcomes, timers);
 * commands are the code's decisions and are matched on replay; a workflow-task boundary separates batches.
 */
public enum EventType {
    WorkflowStarted(Kind.INPUT),
    WorkflowTaskCompleted(Kind.BOUNDARY),
    WorkflowTaskFailed(Kind.NOTE),
    ActivityScheduled(Kind.COMMAND),
    ActivityCompleted(Kind.INPUT),
    ActivityFailed(Kind.INPUT),
    TimerStarted(Kind.COMMAND),
    TimerFired(Kind.INPUT),
    TimerCanceled(Kind.COMMAND),
    MarkerRecorded(Kind.COMMAND),
    WorkflowCompleted(Kind.COMMAND),
    WorkflowFailed(Kind.COMMAND),
    SignalReceived(Kind.INPUT),
    UpdateAccepted(Kind.INPUT),
    UpdateCompleted(Kind.COMMAND),
    /** The client asked to cancel the run: its root cancellation scope is canceled. */
    WorkflowCancelRequested(Kind.INPUT),
    /** Workflow code canceled an activity (its scope was canceled); the activity's outcome is ignored. */
    ActivityCancelRequested(Kind.COMMAND),
    /** The client terminated the run: the closing event, written without running workflow code. */
    WorkflowTerminated(Kind.NOTE),
    /** Workflow code started a child workflow (the parent's intent; the child is started after the commit). */
    ChildWorkflowInitiated(Kind.COMMAND),
    /** The child's run exists (or its start failed: then ChildWorkflowFailed follows). */
    ChildWorkflowStarted(Kind.INPUT),
    /** The child completed with a result. */
    ChildWorkflowCompleted(Kind.INPUT),
    /** The child failed, timed out, was canceled or terminated, or could not be started. */
    ChildWorkflowFailed(Kind.INPUT),
    /** The engine checked on a running child after its watch timer fired, and re-armed the timer. */
    ChildWorkflowWatched(Kind.NOTE),
    /** Workflow code signaled another workflow (sent after the commit). */
    ExternalSignalInitiated(Kind.COMMAND),
    /** Workflow code asked another workflow to cancel (sent after the commit). */
    ExternalCancelInitiated(Kind.COMMAND),
    /** A signal or cancel request to another workflow was recorded there, or failed (with a failure). */
    ExternalRequestDone(Kind.INPUT),
    /** The run closed by continuing as a new run of the same workflow ID (named in the event), atomically created. */
    WorkflowContinuedAsNew(Kind.COMMAND);

    /** How replay treats an event. */
    public enum Kind {
        /** Delivered to the code at the next boundary. */
        INPUT,
        /** Marks the end of the inputs a workflow task saw; its time is that task's deterministic now. */
        BOUNDARY,
        /** A decision of the code, matched against the code's commands on replay. */
        COMMAND,
        /** Informational (for example why a task failed); ignored by replay. */
        NOTE
    }

    private final Kind kind;

    EventType(Kind kind) {
        this.kind = kind;
    }

    /** How replay treats this event type. */
    public Kind kind() {
        return kind;
    }

    /** Parses a stored type name. */
    public static EventType of(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("unknown event type in history: " + name, e);
        }
    }
}
