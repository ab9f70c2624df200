package dev.ratchet.api;

/**
 * A failure that is recorded in history and seen by workflow code, so it comes back identical after a restart or a
 * replay and can be caught and branched on deterministically.
 */
public abstract class RatchetFailure extends RatchetException {
    private final String recordedStackTrace;

    RatchetFailure(String message, Throwable cause, String recordedStackTrace) {
        super(message, cause, recordedStackTrace == null);
        this.recordedStackTrace = recordedStackTrace;
    }

    /**
     * The stack trace of where the failure first happened, as recorded in history (bounded in size), or null when this
     * instance is the original.
     */
    public String recordedStackTrace() {
        return recordedStackTrace;
    }
}
