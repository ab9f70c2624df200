package dev.ratchet.api;

/**
 * A run's history follows a version of a code change ({@link Workflow#getVersion}) that the deployed code no longer
 * supports: below its {@code minSupported} or above its {@code maxSupported}. The run is parked (nothing is lost) until
 * code that supports the version is deployed and the engine restarts.
 */
public class UnsupportedVersionException extends NonDeterminismException {
    private final String changeId;
    private final int version;

    /**
     * Creates the exception.
     *
     * @param position the history position of the version marker, or of the task that would have recorded it
     * @param version  the version the history follows ({@link Workflow#DEFAULT_VERSION} when it has no marker)
     */
    public UnsupportedVersionException(String workflowId, String runId, long position, String changeId, int version,
            int minSupported, int maxSupported) {
        super(workflowId, runId, position, "unsupported version of change '" + changeId + "': workflow '" + workflowId
                + "' run " + runId + " follows " + (version == Workflow.DEFAULT_VERSION
                        ? "Workflow.DEFAULT_VERSION (its history was recorded before the change existed)"
                        : "version " + version + " (history position " + position + ")")
                + " but the code supports only versions " + minSupported + " to " + maxSupported
                + " of that change. The run is parked; deploy code whose getVersion(\"" + changeId
                + "\", ...) range includes " + version + " and restart the engine to resume it.");
        this.changeId = changeId;
        this.version = version;
    }

    /** The change whose version is not supported. */
    public String changeId() {
        return changeId;
    }

    /** The version the run's history follows. */
    public int version() {
        return version;
    }
}
