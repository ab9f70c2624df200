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
