package dev.ratchet.api;

/**
 * Replaying a workflow's history with the current code produced a command that does not match the recorded event at
 * the same position. The run is parked (nothing is lost) until code that matches the history is deployed.
 */
public class NonDeterminismException extends RatchetException {
    private final String workflowId;
    private final String runId;
    private final long position;

    /**
     * Creates the exception.
     *
     * @param position the history sequence number of the recorded event (or of the place where it was expected)
     * @param recorded the recorded event, described, or "nothing" when the code issued an extra command
     * @param command  the command the code issued, described, or "nothing" when the code issued fewer commands
     * @param codeLocation where in the workflow code the command was issued, or "unknown"
     */
    public NonDeterminismException(String workflowId, String runId, long position, String recorded, String command,
            String codeLocation) {
        super("non-deterministic workflow code: workflow '" + workflowId + "' run " + runId + " at history position "
                + position + " recorded " + recorded + " but the code now issued " + command + " (at " + codeLocation
                + "). The run is parked; deploy code that matches the recorded history and restart the engine"
                + " to resume it.");
        this.workflowId = workflowId;
        this.runId = runId;
        this.position = position;
    }

    /**
     * For subclasses that explain a mismatch in their own words.
     *
     * @param message the whole message: what was recorded, what the code does now, and what to deploy
     */
    protected NonDeterminismException(String workflowId, String runId, long position, String message) {
        super(message);
        this.workflowId = workflowId;
        this.runId = runId;
        this.position = position;
    }

    /** The workflow whose code diverged. */
    public String workflowId() {
        return workflowId;
    }

    /** The run whose history was replayed. */
    public String runId() {
        return runId;
    }

    /** The history position of the mismatch. */
    public long position() {
        return position;
    }
}
