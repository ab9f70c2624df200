package dev.ratchet.engine.store;

/**
 * A {@code Workflow.getVersion} decision a run recorded (its MarkerRecorded event), kept by the store so that open runs
 * can be counted per change and version without reading histories ({@link WorkflowStore#countOpenRunsByVersion}).
 *
 * @param changeId the change ID passed to getVersion
 * @param version  the version the run recorded for it
 */
public record VersionMarker(String changeId, int version) {
    /** Validates the shape. */
    public VersionMarker {
        if (changeId == null || changeId.isBlank()) {
            throw new IllegalArgumentException("a version marker needs a change ID");
        }
    }
}
