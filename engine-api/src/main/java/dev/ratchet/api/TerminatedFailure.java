package dev.ratchet.api;

/**
 * The run was terminated from outside ({@link WorkflowClient#terminate}): no workflow code ran after that, and the
 * reason given is recorded as this failure's message. Seen as the cause of a {@link WorkflowFailedException}.
 */
public final class TerminatedFailure extends RatchetFailure {

    /** Creates the failure. */
    public TerminatedFailure(String message) {
        super(message, null, null);
    }

    private TerminatedFailure(String message, String recordedStack) {
        super(message, null, recordedStack);
    }

    /** Rebuilds a failure read from history; used by the engine. */
    public static TerminatedFailure fromHistory(String message, String stackTrace) {
        return new TerminatedFailure(message, stackTrace == null ? "" : stackTrace);
    }
}
