package dev.ratchet.api;

/**
 * Work was canceled. A running activity receives it from {@link ActivityContext#heartbeat} once cancellation was
 * requested; an activity that lets it propagate ends canceled, never retried, and workflow code sees it as the cause of
 * an {@link ActivityFailure}.
 */
public final class CanceledFailure extends RatchetFailure {

    /** Creates the failure. */
    public CanceledFailure(String message) {
        super(message, null, null);
    }

    private CanceledFailure(String message, RatchetFailure cause, String recordedStack) {
        super(message, cause, recordedStack);
    }

    /** Rebuilds a failure read from history; used by the engine. */
    public static CanceledFailure fromHistory(String message, String stackTrace, RatchetFailure cause) {
        return new CanceledFailure(message, cause, stackTrace == null ? "" : stackTrace);
    }
}
